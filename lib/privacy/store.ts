import 'server-only'
import { eq, sql } from 'drizzle-orm'
import { pseudonymMappings, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { userCipher } from '@/lib/crypto'
import {
  assertNoLeak,
  emptyMapping,
  type Mapping,
  mappingSchema,
  type PseudonymizeContext,
  type PseudonymizeStats,
  pseudonymize,
  type Suspect,
  reidentify,
  type ReidentifyResult,
} from './pseudonymize'

/**
 * The pseudonymiser against the database (R7.2): what the platform knows about the client and their coach
 * is the known-entity context; the client's mapping is read and written encrypted with the client's key,
 * under a row lock so two texts of one client never hand out the same placeholder twice.
 */

export async function knownContext(db: Db, clientId: string): Promise<PseudonymizeContext> {
  const [client] = await db
    .select({ name: users.name, email: users.email, phone: users.phone, coachId: users.coachId })
    .from(users)
    .where(eq(users.id, clientId))
  if (!client) return {}
  const [coach] = client.coachId
    ? await db
        .select({ name: users.name, email: users.email, phone: users.phone })
        .from(users)
        .where(eq(users.id, client.coachId))
    : []
  return {
    client: { name: client.name, email: client.email, phone: client.phone },
    coach: coach ? { name: coach.name, email: coach.email, phone: coach.phone } : undefined,
  }
}

export async function loadMapping(db: Db, clientId: string): Promise<Mapping> {
  const [row] = await db
    .select({ mappingEnc: pseudonymMappings.mappingEnc })
    .from(pseudonymMappings)
    .where(eq(pseudonymMappings.clientId, clientId))
  if (!row) return emptyMapping()
  return mappingSchema.parse(JSON.parse(await userCipher(db, clientId).decrypt(row.mappingEnc)))
}

export type OutgoingText = {
  text: string
  stats: PseudonymizeStats
  placeholders: number
  /** What may still identify someone (R7.7), positions in `text`. */
  suspects: Suspect[]
}

/**
 * Pseudonymises a client's text for sending and stores the grown mapping. Fail-closed: if the leak check
 * finds a known identifier or a validated pattern in the result, it throws and nothing is stored or sent.
 * `extra.masked`: tokens the coach masked in a review; they join the mapping for good.
 */
export async function pseudonymizeForClient(
  db: Db,
  clientId: string,
  text: string,
  extra: Omit<PseudonymizeContext, 'mapping'> = {},
): Promise<OutgoingText> {
  const known = await knownContext(db, clientId)
  return db.transaction(async (tx) => {
    // The cipher reads keys through the transaction: the embedded database has one connection.
    const cipher = userCipher(tx, clientId)
    const [row] = await tx
      .select({ mappingEnc: pseudonymMappings.mappingEnc })
      .from(pseudonymMappings)
      .where(eq(pseudonymMappings.clientId, clientId))
      .for('update')
    const mapping = row
      ? mappingSchema.parse(JSON.parse(await cipher.decrypt(row.mappingEnc)))
      : emptyMapping()
    const context: PseudonymizeContext = { ...known, ...extra, mapping }
    const result = pseudonymize(text, context)
    assertNoLeak(result.text, context, result.mapping)
    const mappingEnc = await cipher.encrypt(JSON.stringify(result.mapping))
    await tx
      .insert(pseudonymMappings)
      .values({ clientId, mappingEnc })
      .onConflictDoUpdate({
        target: pseudonymMappings.clientId,
        set: { mappingEnc, version: sql`${pseudonymMappings.version} + 1`, updatedAt: new Date() },
      })
    return {
      text: result.text,
      stats: result.stats,
      placeholders: result.stats.placeholders,
      suspects: result.suspects,
    }
  })
}

/**
 * The fail-closed check again, just before a reviewed text leaves (R7.7): against what the database knows now
 * and the client's current mapping (masked tokens included). Throws PseudonymizationLeakError.
 */
export async function assertOutgoingClean(db: Db, clientId: string, text: string): Promise<void> {
  const known = await knownContext(db, clientId)
  const mapping = await loadMapping(db, clientId)
  assertNoLeak(text, { ...known, mapping }, mapping)
}

/** Re-identifies a model's answer for the coach's view with the client's mapping. */
export async function reidentifyForClient(db: Db, clientId: string, text: string): Promise<ReidentifyResult> {
  return reidentify(text, await loadMapping(db, clientId))
}
