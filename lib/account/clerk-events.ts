import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '@/db/types'
import { users, webhookEvents } from '@/db/schema'
import { recordAudit } from '@/lib/audit/service'
import { ClerkEmailConflictError, mirrorClerkUser } from '@/lib/auth/clerk-mirror'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email'
import { log } from '@/lib/log'
import { createDeletionRequest, type DeletionDeps, processDeletionRequest } from './deletion-flow'

/**
 * Clerk's webhook events (user and session lifecycle) applied to our database. The mirror of a user row itself
 * lives in lib/auth/clerk-mirror.ts (the sign-in needs it too); a deletion enters the one deletion flow.
 */
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
const clerkSessionData = z.object({ id: z.string(), user_id: z.string() })
const clerkEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.created'), data: clerkSessionData }),
  z.object({ type: z.literal('session.ended'), data: clerkSessionData }),
  z.object({ type: z.literal('session.removed'), data: clerkSessionData }),
  z.object({ type: z.literal('session.revoked'), data: clerkSessionData }),
  z.object({ type: z.literal('user.created'), data: clerkUserData }),
  z.object({ type: z.literal('user.updated'), data: clerkUserData }),
  z.object({
    type: z.literal('user.deleted'),
    data: z.object({ id: z.string().optional(), deleted: z.boolean() }),
  }),
])

export type ClerkEventOutcome = 'applied' | 'duplicate' | 'ignored' | 'conflict'

/**
 * Applies one verified Clerk event exactly once: the event id is recorded in webhook_events in the same
 * transaction as the change, so a replay (or a concurrent duplicate delivery) changes nothing.
 */
export async function processClerkEvent(
  db: Db,
  eventId: string,
  event: unknown,
  options: { now?: Date; deletion?: DeletionDeps } = {},
): Promise<ClerkEventOutcome> {
  const now = options.now ?? new Date()
  let deletionId: string | null = null
  const parsed = clerkEvent.safeParse(event)
  const type =
    typeof (event as { type?: unknown })?.type === 'string' ? (event as { type: string }).type : 'unknown'
  let welcome: { userId: string; email: string; name: string; locale: 'de' | 'en' } | null = null
  const outcome = await db.transaction(async (tx): Promise<ClerkEventOutcome> => {
    const inserted = await tx
      .insert(webhookEvents)
      // Only the type and the object id: the profile itself lives in `users`.
      .values({ provider: 'clerk', eventId, type, payload: { objectId: parsed.data?.data.id ?? null } })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id })
    if (inserted.length === 0) return 'duplicate'
    if (!parsed.success) return 'ignored'

    const e = parsed.data
    switch (e.type) {
      case 'user.deleted': {
        if (!e.data.id) return 'ignored'
        const [known] = await tx
          .select({ id: users.id, role: users.role })
          .from(users)
          .where(eq(users.clerkId, e.data.id))
        if (known?.role === 'client') {
          // The one deletion flow (R10.2), recorded in this transaction with the event: a re-delivery finds the
          // request, and the daily run finishes whatever the immediate steps below could not.
          const result = await createDeletionRequest(tx, { userId: known.id, source: 'clerk' }, now)
          if (result?.created) deletionId = result.request.id
          return 'applied'
        }
        // A coach account carries the practice: removed here as before (the row cascades to user_keys).
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
      case 'session.created':
      case 'session.ended':
      case 'session.removed':
      case 'session.revoked': {
        // Sign-ins and sign-outs in Clerk mode reach the audit log this way (R1.4, R13.2).
        const [user] = await tx
          .select({ id: users.id, role: users.role })
          .from(users)
          .where(eq(users.clerkId, e.data.user_id))
        if (!user) return 'ignored'
        await recordAudit(tx, {
          actor: { userId: user.id, role: user.role },
          action: e.type === 'session.created' ? 'auth.sign_in' : 'auth.sign_out',
          target: { type: 'user', id: user.id },
          details: { method: 'clerk', event: e.type },
        })
        return 'applied'
      }
      case 'user.created':
      case 'user.updated': {
        const d = e.data
        // A user without a primary e-mail (removed in the dashboard, phone-only sign-up) cannot be mirrored: a
        // retry would fail the same way forever, so the event is recorded, logged and left alone (issue 16.6).
        if (!d.email_addresses.some((a) => a.id === d.primary_email_address_id)) {
          log.warn('clerk.no_primary_email', { clerkUserId: d.id, type: e.type })
          return 'ignored'
        }
        let row
        try {
          row = await mirrorClerkUser(tx, {
            id: d.id,
            firstName: d.first_name ?? null,
            lastName: d.last_name ?? null,
            username: d.username ?? null,
            primaryEmail:
              d.email_addresses.find((a) => a.id === d.primary_email_address_id)?.email_address ?? null,
            primaryPhone:
              d.phone_numbers.find((p) => p.id === d.primary_phone_number_id)?.phone_number ?? null,
            publicMetadata: d.public_metadata,
          })
        } catch (error) {
          if (!(error instanceof ClerkEmailConflictError)) throw error
          // Retrying cannot fix this; record the event and tell the operator (without the address).
          log.warn('clerk.email_conflict', { clerkUserId: d.id })
          return 'conflict'
        }
        if (!row) return 'ignored'
        await recordAudit(tx, {
          actor: null,
          action: e.type === 'user.created' ? 'account.created' : 'account.updated',
          target: { type: 'user', id: row.id },
          details: { source: 'clerk' },
        })
        if (e.type === 'user.created') {
          welcome = { userId: row.id, email: row.email, name: row.name, locale: row.locale }
        }
        return 'applied'
      }
    }
  })
  if (welcome) await sendWelcome(db, welcome)
  if (deletionId) {
    // After the commit: shred, cancel, delete what can be deleted now. A failure here is retried daily.
    await processDeletionRequest(db, deletionId, now, options.deletion ?? {}, { purge: false }).catch(
      (error: unknown) =>
        log.error('account.deletion_immediate_failed', {
          requestId: deletionId,
          error: error instanceof Error ? error.name : 'unknown',
        }),
    )
  }
  return outcome
}

async function sendWelcome(
  db: Db,
  w: { userId: string; email: string; name: string; locale: 'de' | 'en' },
): Promise<void> {
  // After the commit: a failed e-mail must not undo the account. The idempotency key sends it once.
  await sendEmail(db, {
    to: w.email,
    userId: w.userId,
    locale: w.locale,
    template: 'welcome',
    data: { name: w.name, appUrl: env.APP_URL },
    idempotencyKey: `welcome/${w.userId}`,
  })
}
