import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { bookings, sessionTypes } from './scheduling'
import { users } from './users'

/** The Stripe customer of an account, created at the first purchase. Account data: goes with the account. */
export const billingCustomers = pgTable('billing_customers', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stripeCustomerId: text('stripe_customer_id').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A monthly plan (R4.1): a Stripe subscription that grants `sessions_per_month` credits for one session type. */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionTypeId: uuid('session_type_id')
      .notNull()
      .references(() => sessionTypes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sessionsPerMonth: integer('sessions_per_month').notNull(),
    /** Monthly price in Rappen. */
    priceRappen: integer('price_rappen').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('plans_sessions', sql`${t.sessionsPerMonth} BETWEEN 1 AND 31`),
    check('plans_price_positive', sql`${t.priceRappen} > 0`),
    index('plans_coach_idx').on(t.coachId),
    index('plans_session_type_idx').on(t.sessionTypeId),
  ],
)

export const subscriptionStatus = pgEnum('subscription_status', [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
])

/** Mirror of a Stripe subscription, kept current by the webhook (customer.subscription.*). */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    stripeSubscriptionId: text('stripe_subscription_id').notNull().unique(),
    stripeCustomerId: text('stripe_customer_id').notNull(),
    status: subscriptionStatus('status').notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subscriptions_user_idx').on(t.userId), index('subscriptions_plan_idx').on(t.planId)],
)

/**
 * Session credits granted by one paid plan invoice (unique per invoice: a replayed invoice.paid grants nothing),
 * valid for the invoice's period. `used` goes up when a booking draws a credit and down when it is returned.
 */
export const creditGrants = pgTable(
  'credit_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    sessionTypeId: uuid('session_type_id')
      .notNull()
      .references(() => sessionTypes.id, { onDelete: 'cascade' }),
    stripeInvoiceId: text('stripe_invoice_id').notNull().unique(),
    granted: integer('granted').notNull(),
    used: integer('used').notNull().default(0),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('credit_grants_used', sql`0 <= ${t.used} AND ${t.used} <= ${t.granted}`),
    check('credit_grants_validity', sql`${t.validFrom} < ${t.validUntil}`),
    index('credit_grants_user_idx').on(t.userId, t.validUntil),
    index('credit_grants_subscription_idx').on(t.subscriptionId),
    index('credit_grants_session_type_idx').on(t.sessionTypeId),
  ],
)

export const checkoutKind = pgEnum('checkout_kind', ['booking', 'plan'])
export const checkoutStatus = pgEnum('checkout_status', ['open', 'complete', 'expired'])

/**
 * A Stripe Checkout Session we opened (or, without STRIPE_SECRET_KEY, the local "Testzahlung" stand-in with a
 * `cs_local_` id). Operational state, not an invoice record.
 */
export const checkoutSessions = pgTable(
  'checkout_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stripeSessionId: text('stripe_session_id').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: checkoutKind('kind').notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    amountRappen: integer('amount_rappen').notNull(),
    status: checkoutStatus('status').notNull().default('open'),
    url: text('url').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'checkout_sessions_target',
      sql`(${t.kind} = 'booking' AND ${t.bookingId} IS NOT NULL) OR (${t.kind} = 'plan' AND ${t.planId} IS NOT NULL)`,
    ),
    index('checkout_sessions_booking_idx').on(t.bookingId),
    index('checkout_sessions_user_idx').on(t.userId),
    index('checkout_sessions_plan_idx').on(t.planId),
  ],
)

export const paymentKind = pgEnum('payment_kind', ['booking', 'subscription'])
export const paymentStatus = pgEnum('payment_status', ['paid', 'failed', 'refunded', 'partially_refunded'])

/**
 * Invoice records (R4.2, R4.4): Stripe ids, amount, currency, date, status — never card data, never coaching
 * content. Kept 10 years (Art. 958f OR): user and booking links are SET NULL on deletion, the record stays.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
    kind: paymentKind('kind').notNull(),
    status: paymentStatus('status').notNull(),
    amountRappen: integer('amount_rappen').notNull(),
    refundedRappen: integer('refunded_rappen').notNull().default(0),
    currency: text('currency').notNull().default('chf'),
    /** What was bought as the invoice names it ("Coaching-Sitzung, 60 Min."): a product, not content. */
    description: text('description').notNull(),
    stripeCustomerId: text('stripe_customer_id'),
    stripeCheckoutSessionId: text('stripe_checkout_session_id'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeInvoiceId: text('stripe_invoice_id'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    stripeRefundId: text('stripe_refund_id'),
    /** When the money moved (or failed to). */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payments_amount', sql`${t.amountRappen} >= 0 AND 0 <= ${t.refundedRappen}`),
    check('payments_refund_le_amount', sql`${t.refundedRappen} <= ${t.amountRappen}`),
    uniqueIndex('payments_checkout_session_idx')
      .on(t.stripeCheckoutSessionId)
      .where(sql`${t.stripeCheckoutSessionId} IS NOT NULL`),
    uniqueIndex('payments_invoice_idx')
      .on(t.stripeInvoiceId)
      .where(sql`${t.stripeInvoiceId} IS NOT NULL`),
    index('payments_user_idx').on(t.userId),
    index('payments_booking_idx').on(t.bookingId),
    index('payments_occurred_idx').on(t.occurredAt),
  ],
)

export type Plan = typeof plans.$inferSelect
export type Payment = typeof payments.$inferSelect
export type CheckoutSession = typeof checkoutSessions.$inferSelect
export type Subscription = typeof subscriptions.$inferSelect
