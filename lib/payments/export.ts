import { and, asc, eq } from 'drizzle-orm'
import { creditGrants, payments, plans, sessionTypes, subscriptions } from '@/db/schema'
import { afterTime, cursorText, type ExportSection, keyset, type TimeCursor } from '@/lib/export/section'

/** Payments' part of the data export (R10.1): plans, session credits and payments (never card data). */

export const subscriptionExport: ExportSection = {
  key: 'subscriptions',
  kind: 'list',
  fields: [
    'id',
    'plan_name',
    'sessions_per_month',
    'price_rappen',
    'status',
    'cancel_at_period_end',
    'current_period_end',
    'stripe_subscription_id',
    'created_at',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'subscriptions',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ s: subscriptions, plan: plans, at: cursorText(subscriptions.createdAt) })
          .from(subscriptions)
          .leftJoin(plans, eq(plans.id, subscriptions.planId))
          .where(
            and(
              eq(subscriptions.userId, ctx.userId),
              afterTime(subscriptions.createdAt, subscriptions.id, after),
            ),
          )
          .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.s.id }),
      (rows) =>
        rows.map(({ s, plan }) => ({
          id: s.id,
          plan_name: plan?.name ?? null,
          sessions_per_month: plan?.sessionsPerMonth ?? null,
          price_rappen: plan?.priceRappen ?? null,
          status: s.status,
          cancel_at_period_end: s.cancelAtPeriodEnd,
          current_period_end: s.currentPeriodEnd,
          stripe_subscription_id: s.stripeSubscriptionId,
          created_at: s.createdAt,
        })),
    ),
}

export const creditExport: ExportSection = {
  key: 'credits',
  kind: 'list',
  fields: ['id', 'session_type', 'granted', 'used', 'valid_from', 'valid_until', 'stripe_invoice_id'],
  rows: (ctx) =>
    keyset(
      ctx,
      'credits',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ c: creditGrants, typeName: sessionTypes.name, at: cursorText(creditGrants.validFrom) })
          .from(creditGrants)
          .leftJoin(sessionTypes, eq(sessionTypes.id, creditGrants.sessionTypeId))
          .where(
            and(
              eq(creditGrants.userId, ctx.userId),
              afterTime(creditGrants.validFrom, creditGrants.id, after),
            ),
          )
          .orderBy(asc(creditGrants.validFrom), asc(creditGrants.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.c.id }),
      (rows) =>
        rows.map(({ c, typeName }) => ({
          id: c.id,
          session_type: typeName,
          granted: c.granted,
          used: c.used,
          valid_from: c.validFrom,
          valid_until: c.validUntil,
          stripe_invoice_id: c.stripeInvoiceId,
        })),
    ),
}

export const paymentExport: ExportSection = {
  key: 'payments',
  kind: 'list',
  fields: [
    'id',
    'kind',
    'description',
    'status',
    'amount_rappen',
    'refunded_rappen',
    'currency',
    'booking_id',
    'occurred_at',
    'stripe_payment_intent_id',
    'stripe_invoice_id',
    'stripe_refund_id',
  ],
  rows: (ctx) =>
    keyset(
      ctx,
      'payments',
      (after: TimeCursor | null, limit) =>
        ctx.db
          .select({ p: payments, at: cursorText(payments.occurredAt) })
          .from(payments)
          .where(and(eq(payments.userId, ctx.userId), afterTime(payments.occurredAt, payments.id, after)))
          .orderBy(asc(payments.occurredAt), asc(payments.id))
          .limit(limit),
      (r) => ({ at: r.at, id: r.p.id }),
      (rows) =>
        rows.map(({ p }) => ({
          id: p.id,
          kind: p.kind,
          description: p.description,
          status: p.status,
          amount_rappen: p.amountRappen,
          refunded_rappen: p.refundedRappen,
          currency: p.currency,
          booking_id: p.bookingId,
          occurred_at: p.occurredAt,
          stripe_payment_intent_id: p.stripePaymentIntentId,
          stripe_invoice_id: p.stripeInvoiceId,
          stripe_refund_id: p.stripeRefundId,
        })),
    ),
}
