import 'server-only'
import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm'
import { consentEvents, users } from '@/db/schema'
import type { Db } from '@/db/types'
import { env } from '@/lib/env'
import { sendEmail } from '@/lib/email'
import type { ConsentRenewalData } from '@/lib/email/templates'
import { log } from '@/lib/log'

/**
 * Consents expire (policy: consent proof is kept 3 years, then deleted — R9.2, R11). A grant is in force for
 * CONSENT_VALID_YEARS from the moment it was given; from then on it counts as withdrawn everywhere consent is
 * checked (lib/consent/service.ts), and the retention job deletes the ledger row without exception. From
 * RENEWAL_WINDOW_DAYS before that, the client is asked to confirm again: a banner on the privacy page, and one
 * e-mail sent by the daily cron. Confirming writes a new grant with fresh proof, which starts its own 3 years.
 */
export const CONSENT_VALID_YEARS = 3
export const RENEWAL_WINDOW_DAYS = 30
const DAY = 86_400_000

/** The moment a grant given at `grantedAt` expires: the same calendar date 3 years later (UTC). */
export function consentExpiresAt(grantedAt: Date): Date {
  const at = new Date(grantedAt)
  at.setUTCFullYear(at.getUTCFullYear() + CONSENT_VALID_YEARS)
  return at
}

/** The oldest grant time still in force at `at`. */
export function oldestValidGrant(at: Date): Date {
  const from = new Date(at)
  from.setUTCFullYear(from.getUTCFullYear() - CONSENT_VALID_YEARS)
  return from
}

export type GrantState = 'none' | 'active' | 'expiring' | 'expired'

/** How the newest ledger row of a purpose stands at `at`. */
export function grantState(row: { granted: boolean; createdAt: Date } | undefined, at: Date): GrantState {
  if (!row?.granted) return 'none'
  const expires = consentExpiresAt(row.createdAt).getTime()
  if (at.getTime() >= expires) return 'expired'
  if (at.getTime() >= expires - RENEWAL_WINDOW_DAYS * DAY) return 'expiring'
  return 'active'
}

export const inForce = (row: { granted: boolean; createdAt: Date } | undefined, at: Date) => {
  const state = grantState(row, at)
  return state === 'active' || state === 'expiring'
}

/**
 * Sends the renewal e-mail for each grant in force that expires within RENEWAL_WINDOW_DAYS — once per grant
 * (the idempotency key names the ledger row; a renewed grant is a new row). Clients only, not for accounts
 * being deleted. Returns how many were sent.
 */
export async function sendConsentRenewalReminders(db: Db, now: Date): Promise<number> {
  const windowStart = oldestValidGrant(new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY))
  const due = await db
    .select({
      id: consentEvents.id,
      purpose: consentEvents.purpose,
      createdAt: consentEvents.createdAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
    })
    .from(consentEvents)
    .innerJoin(users, eq(users.id, consentEvents.userId))
    .where(
      and(
        eq(consentEvents.granted, true),
        // Expires after now and at most RENEWAL_WINDOW_DAYS from now.
        gte(consentEvents.createdAt, oldestValidGrant(now)),
        lt(consentEvents.createdAt, windowStart),
        eq(users.role, 'client'),
        isNull(users.deletionRequestedAt),
        isNull(users.keysShreddedAt),
        // The newest row of that client and purpose: a later withdrawal or renewal ends the question.
        sql`NOT EXISTS (SELECT 1 FROM consent_events n WHERE n.user_id = ${consentEvents.userId}
          AND n.purpose = ${consentEvents.purpose}
          AND (n.created_at, n.id) > (${consentEvents.createdAt}, ${consentEvents.id}))`,
      ),
    )
  let sent = 0
  for (const row of due) {
    try {
      const result = await sendEmail(db, {
        to: row.email,
        userId: row.userId,
        locale: row.locale,
        template: 'consent-renewal',
        data: {
          name: row.name,
          appUrl: env.APP_URL,
          purpose: row.purpose as ConsentRenewalData['purpose'],
          expiresAt: consentExpiresAt(row.createdAt).toISOString(),
        },
        idempotencyKey: `consent-renewal/${row.id}`,
      })
      if (result.ok && !result.duplicate) sent++
    } catch (error) {
      log.error('consent.renewal_email_failed', { error: error instanceof Error ? error.name : 'unknown' })
    }
  }
  return sent
}
