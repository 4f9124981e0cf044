import 'server-only'
import { and, eq } from 'drizzle-orm'
import type Stripe from 'stripe'
import { z } from 'zod'
import {
  billingCustomers,
  bookings,
  checkoutSessions,
  creditGrants,
  payments,
  plans,
  subscriptionStatus,
  subscriptions,
  webhookEvents,
} from '@/db/schema'
import type { Db } from '@/db/types'
import { type AuditInput, recordAudit } from '@/lib/audit/service'
import { isExclusionViolation } from '@/db/errors'
import { log } from '@/lib/log'
import { refundBookingPayment } from './refunds'

/** What is stored of an event (R4.2, R11): its type and object id — not the customer details Stripe includes. */
function storedPayload(event: Stripe.Event) {
  const object = event.data.object as { id?: string; object?: string }
  return { object: object.object ?? null, id: object.id ?? null, livemode: event.livemode }
}

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  typeof v === 'string' ? v : (v?.id ?? null)

type SubscriptionStatus = (typeof subscriptionStatus.enumValues)[number]
/** Stripe may add statuses; one we do not know leaves the stored status as it is. */
const knownStatus = (s: string): SubscriptionStatus | undefined =>
  (subscriptionStatus.enumValues as readonly string[]).includes(s) ? (s as SubscriptionStatus) : undefined

const uuid = z.uuid()
const asUuid = (v: unknown): string | null => (uuid.safeParse(v).success ? (v as string) : null)

/**
 * What a payment event did to a booking. Payments says what happened; bookings decides whom to tell (the
 * confirmation, the receipt, the cancellation e-mails live there), so payments never imports bookings.
 */
export type BookingPaymentOutcome =
  | { kind: 'confirmed'; bookingId: string; paymentId: string }
  /** Paid after the hold ran out and the slot was gone: the booking stays expired; refunded or not. */
  | { kind: 'slot-lost'; bookingId: string; refunded: boolean }
export type BookingPaymentListener = (db: Db, outcome: BookingPaymentOutcome, now: Date) => Promise<void>

type Ctx = {
  /** The root handle, for work after commit. */
  db: Db
  tx: Db
  now: Date
  /** Work after commit: e-mails and refunds (network calls never hold the transaction open). */
  after: (() => Promise<unknown>)[]
  audits: AuditInput[]
  onBooking: BookingPaymentListener
}

/**
 * Applies one verified Stripe event (R4.3). The event id is stored first, in the same transaction as its effects:
 * a replayed or concurrently repeated event hits the unique (provider, event_id) and changes nothing. Effects are
 * conditional updates, so events arriving out of order cannot move a booking backwards.
 */
export async function handleStripeEvent(
  db: Db,
  event: Stripe.Event,
  now: Date,
  onBooking: BookingPaymentListener,
): Promise<{ duplicate: boolean }> {
  const after: Ctx['after'] = []
  const duplicate = await db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(webhookEvents)
      .values({ provider: 'stripe', eventId: event.id, type: event.type, payload: storedPayload(event) })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id })
    if (!stored) return true
    const ctx: Ctx = { db, tx, now, after, audits: [], onBooking }
    await apply(ctx, event)
    // Audit entries last: the hash chain's lock is then held only for the commit.
    for (const a of ctx.audits) await recordAudit(tx, a)
    return false
  })
  if (duplicate) return { duplicate }
  for (const step of after) {
    try {
      await step()
    } catch (error) {
      log.error('payments.webhook_followup_failed', {
        error: error instanceof Error ? error.name : 'unknown',
      })
    }
  }
  return { duplicate }
}

async function apply(ctx: Ctx, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed':
      return onCheckoutCompleted(ctx, event.data.object)
    case 'checkout.session.async_payment_succeeded':
      return onCheckoutPaid(ctx, event.data.object)
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return onCheckoutEnded(ctx, event.data.object, event.type === 'checkout.session.expired')
    case 'invoice.paid':
      return onInvoicePaid(ctx, event.data.object)
    case 'invoice.payment_failed':
      return onInvoiceFailed(ctx, event.data.object)
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return onSubscription(ctx, event.data.object, event.type === 'customer.subscription.deleted')
    default:
      // Stored (so it is seen once) and otherwise ignored.
      return
  }
}

async function findCheckout(ctx: Ctx, session: Stripe.Checkout.Session) {
  const [row] = await ctx.tx
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.stripeSessionId, session.id))
  if (!row) log.warn('payments.unknown_checkout_session', { type: session.mode ?? 'unknown' })
  return row ?? null
}

async function onCheckoutCompleted(ctx: Ctx, session: Stripe.Checkout.Session) {
  const row = await findCheckout(ctx, session)
  if (!row) return
  await ctx.tx.update(checkoutSessions).set({ status: 'complete' }).where(eq(checkoutSessions.id, row.id))
  if (row.kind === 'plan') {
    const subscriptionId = idOf(session.subscription)
    const customerId = idOf(session.customer)
    if (subscriptionId && customerId)
      await upsertSubscription(ctx, {
        stripeSubscriptionId: subscriptionId,
        stripeCustomerId: customerId,
        userId: row.userId,
        planId: row.planId,
      })
    return
  }
  if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required') {
    return onCheckoutPaid(ctx, session)
  }
  // A delayed method (e.g. bank debit): the hold stays until async_payment_succeeded or _failed decides.
  await ctx.tx
    .update(bookings)
    .set({ holdExpiresAt: null, updatedAt: ctx.now })
    .where(and(eq(bookings.id, row.bookingId!), eq(bookings.status, 'pending')))
}

/** Money arrived for a booking: record the invoice, confirm (or, if the slot is gone, refund). */
async function onCheckoutPaid(ctx: Ctx, session: Stripe.Checkout.Session) {
  const row = await findCheckout(ctx, session)
  if (!row || row.kind !== 'booking' || !row.bookingId) return
  const { tx } = ctx
  const [booking] = await tx.select().from(bookings).where(eq(bookings.id, row.bookingId))
  if (!booking) return
  await tx.update(checkoutSessions).set({ status: 'complete' }).where(eq(checkoutSessions.id, row.id))
  const [payment] = await tx
    .insert(payments)
    .values({
      userId: row.userId,
      bookingId: booking.id,
      kind: 'booking',
      status: 'paid',
      amountRappen: session.amount_total ?? row.amountRappen,
      currency: session.currency ?? 'chf',
      description: `${booking.sessionName}, ${booking.durationMinutes} Min.`,
      stripeCustomerId: idOf(session.customer),
      stripeCheckoutSessionId: session.id,
      stripePaymentIntentId: idOf(session.payment_intent),
      stripeInvoiceId: idOf(session.invoice),
      occurredAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning({ id: payments.id, amountRappen: payments.amountRappen })
  if (!payment) return // Already recorded by an earlier event for this session.
  ctx.audits.push({
    actor: null,
    action: 'payment.recorded',
    target: { type: 'payment', id: payment.id },
    details: { kind: 'booking', amountRappen: payment.amountRappen },
  })

  let confirmed = false
  if (booking.status === 'pending') {
    await tx
      .update(bookings)
      .set({ status: 'confirmed', holdExpiresAt: null, updatedAt: ctx.now })
      .where(eq(bookings.id, booking.id))
    confirmed = true
  } else if (booking.status === 'expired') {
    // Paid just after the hold ran out: take the slot back if nobody else has it (savepoint: a clash undoes
    // only this update), otherwise refund below.
    try {
      await tx.transaction(async (sp) => {
        await sp
          .update(bookings)
          .set({ status: 'confirmed', holdExpiresAt: null, updatedAt: ctx.now })
          .where(and(eq(bookings.id, booking.id), eq(bookings.status, 'expired')))
      })
      confirmed = true
    } catch (error) {
      if (!isExclusionViolation(error)) throw error
    }
  }
  if (confirmed) {
    ctx.audits.push({ actor: null, action: 'booking.confirmed', target: { type: 'booking', id: booking.id } })
    ctx.after.push(() =>
      ctx.onBooking(ctx.db, { kind: 'confirmed', bookingId: booking.id, paymentId: payment.id }, ctx.now),
    )
  } else if (booking.status !== 'confirmed') {
    // Cancelled while paying, or the slot was taken meanwhile: the money goes back.
    ctx.after.push(async () => {
      const refund = await refundBookingPayment(ctx.db, booking.id)
      if (booking.status === 'expired')
        await ctx.onBooking(
          ctx.db,
          { kind: 'slot-lost', bookingId: booking.id, refunded: refund === 'refunded' },
          ctx.now,
        )
    })
  }
}

/** Checkout expired or a delayed payment failed: the hold is released, the slot is free again. */
async function onCheckoutEnded(ctx: Ctx, session: Stripe.Checkout.Session, expired: boolean) {
  const row = await findCheckout(ctx, session)
  if (!row) return
  await ctx.tx
    .update(checkoutSessions)
    .set({ status: 'expired' })
    .where(and(eq(checkoutSessions.id, row.id), eq(checkoutSessions.status, expired ? 'open' : 'complete')))
  if (row.kind !== 'booking' || !row.bookingId) return
  const released = await ctx.tx
    .update(bookings)
    .set({ status: 'expired', holdExpiresAt: null, updatedAt: ctx.now })
    .where(and(eq(bookings.id, row.bookingId), eq(bookings.status, 'pending')))
    .returning({ id: bookings.id })
  if (released.length)
    ctx.audits.push({
      actor: null,
      action: 'booking.expired',
      target: { type: 'booking', id: row.bookingId },
      details: { reason: expired ? 'checkout_expired' : 'payment_failed' },
    })
}

async function upsertSubscription(
  ctx: Ctx,
  s: {
    stripeSubscriptionId: string
    stripeCustomerId: string
    userId: string | null
    planId: string | null
    status?: SubscriptionStatus
    cancelAtPeriodEnd?: boolean
    currentPeriodEnd?: Date | null
  },
) {
  const { tx } = ctx
  const [existing] = await tx
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.stripeSubscriptionId, s.stripeSubscriptionId))
  if (existing) {
    const [updated] = await tx
      .update(subscriptions)
      .set({
        ...(s.status ? { status: s.status } : {}),
        ...(s.cancelAtPeriodEnd !== undefined ? { cancelAtPeriodEnd: s.cancelAtPeriodEnd } : {}),
        ...(s.currentPeriodEnd !== undefined ? { currentPeriodEnd: s.currentPeriodEnd } : {}),
        planId: existing.planId ?? s.planId,
        updatedAt: ctx.now,
      })
      .where(eq(subscriptions.id, existing.id))
      .returning()
    return updated!
  }
  let userId = s.userId
  if (!userId) {
    const [customer] = await tx
      .select({ userId: billingCustomers.userId })
      .from(billingCustomers)
      .where(eq(billingCustomers.stripeCustomerId, s.stripeCustomerId))
    userId = customer?.userId ?? null
  }
  if (!userId) {
    log.warn('payments.subscription_without_user', {})
    return null
  }
  const [created] = await tx
    .insert(subscriptions)
    .values({
      userId,
      planId: s.planId,
      stripeSubscriptionId: s.stripeSubscriptionId,
      stripeCustomerId: s.stripeCustomerId,
      status: s.status ?? 'incomplete',
      cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false,
      currentPeriodEnd: s.currentPeriodEnd ?? null,
    })
    .returning()
  await tx
    .insert(billingCustomers)
    .values({ userId, stripeCustomerId: s.stripeCustomerId })
    .onConflictDoNothing()
  return created!
}

async function onSubscription(ctx: Ctx, sub: Stripe.Subscription, deleted: boolean) {
  const periodEnd = sub.items?.data?.[0]?.current_period_end
  const row = await upsertSubscription(ctx, {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: idOf(sub.customer) ?? '',
    userId: asUuid(sub.metadata?.userId),
    planId: asUuid(sub.metadata?.planId),
    status: deleted ? 'canceled' : knownStatus(sub.status),
    // Newer portals record a cancellation as cancel_at (a date) rather than cancel_at_period_end.
    cancelAtPeriodEnd: sub.cancel_at_period_end || sub.cancel_at != null,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
  })
  if (row)
    ctx.audits.push({
      actor: null,
      action: 'subscription.updated',
      target: { type: 'subscription', id: row.id },
      details: { status: row.status, cancelAtPeriodEnd: row.cancelAtPeriodEnd },
    })
}

function subscriptionOfInvoice(inv: Stripe.Invoice) {
  const details = inv.parent?.subscription_details
  const id = idOf(details?.subscription)
  return id ? { id, metadata: details?.metadata ?? {} } : null
}

/** A plan invoice was paid: the invoice record, and the period's credits (once per invoice). */
async function onInvoicePaid(ctx: Ctx, inv: Stripe.Invoice) {
  const ofSub = subscriptionOfInvoice(inv)
  if (!ofSub || !inv.id) return // One-off invoices of booking checkouts are recorded with the checkout.
  const sub = await upsertSubscription(ctx, {
    stripeSubscriptionId: ofSub.id,
    stripeCustomerId: idOf(inv.customer) ?? '',
    userId: asUuid(ofSub.metadata.userId),
    planId: asUuid(ofSub.metadata.planId),
  })
  if (!sub) return
  const [plan] = sub.planId ? await ctx.tx.select().from(plans).where(eq(plans.id, sub.planId)) : []
  const paidAt = inv.status_transitions?.paid_at
  const recorded = await recordInvoice(ctx, inv, sub, plan?.name ?? 'Abo', 'paid', paidAt)
  if (recorded)
    ctx.audits.push({
      actor: null,
      action: 'payment.recorded',
      target: { type: 'payment', id: recorded },
      details: { kind: 'subscription', amountRappen: inv.amount_paid },
    })

  const period = inv.lines?.data?.[0]?.period ?? { start: inv.period_start, end: inv.period_end }
  if (!plan || !(period.end > period.start)) return
  await ctx.tx
    .insert(creditGrants)
    .values({
      userId: sub.userId,
      subscriptionId: sub.id,
      sessionTypeId: plan.sessionTypeId,
      stripeInvoiceId: inv.id,
      granted: plan.sessionsPerMonth,
      validFrom: new Date(period.start * 1000),
      validUntil: new Date(period.end * 1000),
    })
    .onConflictDoNothing()
}

async function onInvoiceFailed(ctx: Ctx, inv: Stripe.Invoice) {
  const ofSub = subscriptionOfInvoice(inv)
  if (!ofSub || !inv.id) return
  const [sub] = await ctx.tx
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.stripeSubscriptionId, ofSub.id))
  if (!sub) return
  const [plan] = sub.planId ? await ctx.tx.select().from(plans).where(eq(plans.id, sub.planId)) : []
  await recordInvoice(ctx, inv, sub, plan?.name ?? 'Abo', 'failed', null)
}

/** Inserts or updates the invoice record of a plan invoice; a paid record never goes back to failed. */
async function recordInvoice(
  ctx: Ctx,
  inv: Stripe.Invoice,
  sub: { userId: string; stripeSubscriptionId: string; stripeCustomerId: string },
  planName: string,
  status: 'paid' | 'failed',
  paidAt: number | null | undefined,
): Promise<string | null> {
  const occurredAt = paidAt ? new Date(paidAt * 1000) : ctx.now
  const [existing] = await ctx.tx.select().from(payments).where(eq(payments.stripeInvoiceId, inv.id!))
  if (existing) {
    if (existing.status !== 'failed' || status !== 'paid') return null
    await ctx.tx
      .update(payments)
      .set({ status, amountRappen: inv.amount_paid, occurredAt, updatedAt: ctx.now })
      .where(eq(payments.id, existing.id))
    return existing.id
  }
  const [row] = await ctx.tx
    .insert(payments)
    .values({
      userId: sub.userId,
      kind: 'subscription',
      status,
      amountRappen: status === 'paid' ? inv.amount_paid : inv.amount_due,
      currency: inv.currency ?? 'chf',
      description: `${planName} (Monatsabo)`,
      stripeCustomerId: sub.stripeCustomerId,
      stripeInvoiceId: inv.id!,
      stripeSubscriptionId: sub.stripeSubscriptionId,
      occurredAt,
    })
    .returning({ id: payments.id })
  return row!.id
}
