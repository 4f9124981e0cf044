import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/types'
import { users, webhookEvents } from '@/db/schema'
import { recordAudit } from '@/lib/audit/service'

const roleSchema = z.enum(['client', 'coach'])

export function roleFromMetadata(metadata: unknown): 'client' | 'coach' | null {
  const parsed = z.object({ role: roleSchema }).safeParse(metadata)
  return parsed.success ? parsed.data.role : null
}

export type ClerkUserFacts = {
  id: string
  firstName: string | null
  lastName: string | null
  username: string | null
  primaryEmail: string | null
  primaryPhone: string | null
  publicMetadata: unknown
}

/** Creates or updates our mirror of a Clerk user (R1.1). New sign-ups without a role are clients. */
export async function mirrorClerkUser(db: Db, facts: ClerkUserFacts) {
  const email = facts.primaryEmail?.toLowerCase()
  if (!email) throw new Error('Clerk user has no primary e-mail address')
  const name =
    [facts.firstName, facts.lastName].filter(Boolean).join(' ').trim() ||
    facts.username ||
    email.split('@')[0]!
  const role = roleFromMetadata(facts.publicMetadata)
  const [row] = await db
    .insert(users)
    .values({ clerkId: facts.id, role: role ?? 'client', name, email, phone: facts.primaryPhone })
    .onConflictDoUpdate({
      target: users.clerkId,
      set: {
        name,
        email,
        phone: facts.primaryPhone,
        ...(role ? { role } : {}),
        updatedAt: new Date(),
      },
    })
    .returning()
  return row
}

// The parts of Clerk's webhook payload we use; everything else is ignored.
const emailAddress = z.object({ id: z.string(), email_address: z.string() })
const phoneNumber = z.object({ id: z.string(), phone_number: z.string() })
const clerkUserData = z.object({
  id: z.string(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  email_addresses: z.array(emailAddress).default([]),
  primary_email_address_id: z.string().nullish(),
  phone_numbers: z.array(phoneNumber).default([]),
  primary_phone_number_id: z.string().nullish(),
  public_metadata: z.unknown(),
})
const clerkEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user.created'), data: clerkUserData }),
  z.object({ type: z.literal('user.updated'), data: clerkUserData }),
  z.object({
    type: z.literal('user.deleted'),
    data: z.object({ id: z.string().optional(), deleted: z.boolean() }),
  }),
])

export type ClerkEventOutcome = 'applied' | 'duplicate' | 'ignored'

/**
 * Applies one verified Clerk event exactly once: the event id is recorded in webhook_events in the same
 * transaction as the change, so a replay (or a concurrent duplicate delivery) changes nothing.
 */
export async function processClerkEvent(db: Db, eventId: string, event: unknown): Promise<ClerkEventOutcome> {
  const parsed = clerkEvent.safeParse(event)
  const type =
    typeof (event as { type?: unknown })?.type === 'string' ? (event as { type: string }).type : 'unknown'
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      // Only the type and the object id: the profile itself lives in `users`.
      .values({ provider: 'clerk', eventId, type, payload: { objectId: parsed.data?.data.id ?? null } })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id })
    if (inserted.length === 0) return 'duplicate'
    if (!parsed.success) return 'ignored'

    const e = parsed.data
    if (e.type === 'user.deleted') {
      if (!e.data.id) return 'ignored'
      // Deleting the row cascades to user_keys: the user's content is crypto-shredded (R10.2).
      const removed = await tx.delete(users).where(eq(users.clerkId, e.data.id)).returning({ id: users.id })
      const userId = removed[0]?.id
      if (userId) {
        await recordAudit(tx, {
          actor: null,
          action: 'account.deleted',
          target: { type: 'user', id: userId },
          details: { source: 'clerk' },
        })
      }
      return 'applied'
    }
    const d = e.data
    const row = await mirrorClerkUser(tx, {
      id: d.id,
      firstName: d.first_name ?? null,
      lastName: d.last_name ?? null,
      username: d.username ?? null,
      primaryEmail: d.email_addresses.find((a) => a.id === d.primary_email_address_id)?.email_address ?? null,
      primaryPhone: d.phone_numbers.find((p) => p.id === d.primary_phone_number_id)?.phone_number ?? null,
      publicMetadata: d.public_metadata,
    })
    if (row) {
      await recordAudit(tx, {
        actor: null,
        action: e.type === 'user.created' ? 'account.created' : 'account.updated',
        target: { type: 'user', id: row.id },
        details: { source: 'clerk' },
      })
    }
    return 'applied'
  })
}
