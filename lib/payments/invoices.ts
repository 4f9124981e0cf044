import { desc, eq } from 'drizzle-orm'
import { payments } from '@/db/schema'
import type { Db } from '@/db/types'
import { type Actor, assertRole } from '@/lib/auth/types'

/** One invoice record as the client sees it (R4.2): what, when, how much, state — no Stripe ids, no card data. */
export type InvoiceRecord = {
  id: string
  kind: 'booking' | 'subscription'
  occurredAt: Date
  description: string
  amountRappen: number
  refundedRappen: number
  currency: string
  status: 'paid' | 'failed' | 'refunded' | 'partially_refunded'
}

const MAX_LIMIT = 100

/**
 * The client's own invoice records, newest first. Only clients: a coach sees no one's payment records here
 * (they are the client's business with Stripe, not coaching data).
 */
export async function listInvoiceRecords(db: Db, actor: Actor, limit = 50): Promise<InvoiceRecord[]> {
  assertRole(actor, 'client', 'payments.invoicesClientsOnly')
  const n = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_LIMIT)
  return db
    .select({
      id: payments.id,
      kind: payments.kind,
      occurredAt: payments.occurredAt,
      description: payments.description,
      amountRappen: payments.amountRappen,
      refundedRappen: payments.refundedRappen,
      currency: payments.currency,
      status: payments.status,
    })
    .from(payments)
    .where(eq(payments.userId, actor.userId))
    .orderBy(desc(payments.occurredAt), desc(payments.createdAt))
    .limit(n)
}
