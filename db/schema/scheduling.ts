import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { type AnyPgColumn } from 'drizzle-orm/pg-core'
import { creditGrants } from './billing'
import { users } from './users'

export const sessionMode = pgEnum('session_mode', ['video', 'in_person'])

/** What a client can book (R3.1). Prices in Rappen (CHF cents) — integers, never floats. */
export const sessionTypes = pgTable(
  'session_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceRappen: integer('price_rappen').notNull(),
    mode: sessionMode('mode').notNull(),
    active: boolean('active').notNull().default(true),
    /** R3.5: the Acuity appointment type this offer mirrors (set when Acuity is the scheduling provider). */
    acuityAppointmentTypeId: text('acuity_appointment_type_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('session_types_duration', sql`${t.durationMinutes} BETWEEN 15 AND 480`),
    check('session_types_price_positive', sql`${t.priceRappen} > 0`),
    index('session_types_coach_idx').on(t.coachId),
  ],
)

/** Weekly opening hours in the practice's time zone: several ranges per weekday (ISO 1 = Monday). */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [
    check('availability_rules_weekday', sql`${t.weekday} BETWEEN 1 AND 7`),
    check(
      'availability_rules_range',
      sql`0 <= ${t.startMinute} AND ${t.startMinute} < ${t.endMinute} AND ${t.endMinute} <= 1440`,
    ),
    index('availability_rules_coach_idx').on(t.coachId, t.weekday),
  ],
)

export const exceptionKind = pgEnum('availability_exception_kind', ['off', 'extra'])

/** Days off (whole or partly) and extra hours on a practice-local date. */
export const availabilityExceptions = pgTable(
  'availability_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    kind: exceptionKind('kind').notNull(),
    startMinute: integer('start_minute'),
    endMinute: integer('end_minute'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'availability_exceptions_range',
      sql`(${t.startMinute} IS NULL AND ${t.endMinute} IS NULL AND ${t.kind} = 'off') OR (0 <= ${t.startMinute} AND ${t.startMinute} < ${t.endMinute} AND ${t.endMinute} <= 1440)`,
    ),
    index('availability_exceptions_coach_date_idx').on(t.coachId, t.date),
    // The same exception twice means nothing more (a day off has no times: NULLs count as equal here).
    unique('availability_exception_unique')
      .on(t.coachId, t.date, t.kind, t.startMinute, t.endMinute)
      .nullsNotDistinct(),
  ],
)

/** One row per coach; defaults are what a new practice starts with. */
export const schedulingSettings = pgTable(
  'scheduling_settings',
  {
    coachId: uuid('coach_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    timeZone: text('time_zone').notNull().default('Europe/Zurich'),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(15),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(720),
    horizonDays: integer('horizon_days').notNull().default(60),
    slotStepMinutes: integer('slot_step_minutes').notNull().default(30),
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(24),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'scheduling_settings_buffers',
      sql`${t.bufferBeforeMinutes} BETWEEN 0 AND 240 AND ${t.bufferAfterMinutes} BETWEEN 0 AND 240`,
    ),
    check('scheduling_settings_notice', sql`${t.minNoticeMinutes} BETWEEN 0 AND 43200`),
    check('scheduling_settings_horizon', sql`${t.horizonDays} BETWEEN 1 AND 365`),
    check('scheduling_settings_step', sql`${t.slotStepMinutes} IN (5, 10, 15, 20, 30, 45, 60, 90, 120)`),
    check('scheduling_settings_cutoff', sql`${t.cancelCutoffHours} BETWEEN 0 AND 336`),
  ],
)

export const bookingStatus = pgEnum('booking_status', ['pending', 'confirmed', 'cancelled', 'expired'])
/** How a booking is paid: Stripe Checkout, or one credit of a plan (R4.1). */
export const bookingPayment = pgEnum('booking_payment', ['checkout', 'credit'])

/**
 * Bookings (R3.2–R3.4): time, duration, type — no coaching content. `blocked_from`/`blocked_until` include the
 * buffers in force when it was booked; an exclusion constraint (migration 0006, btree_gist) makes two active
 * bookings of one coach with overlapping blocked ranges impossible, also under concurrent requests.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => users.id, { onDelete: 'set null' }),
    sessionTypeId: uuid('session_type_id').references(() => sessionTypes.id, { onDelete: 'set null' }),
    /** Copied at booking time: the type may change or be deleted later, the booking keeps what was booked. */
    sessionName: text('session_name').notNull(),
    mode: sessionMode('mode').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceRappen: integer('price_rappen').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    blockedFrom: timestamp('blocked_from', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
    status: bookingStatus('status').notNull().default('pending'),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    /** Set when the 24-hour reminder went out, in the same transaction that claims it: sent exactly once. */
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by'),
    paymentMethod: bookingPayment('payment_method').notNull().default('checkout'),
    /** The plan credit this booking uses; returned (used - 1) when it is cancelled in time. */
    creditGrantId: uuid('credit_grant_id').references((): AnyPgColumn => creditGrants.id, {
      onDelete: 'set null',
    }),
    /** Raised on every reschedule: the SEQUENCE of the calendar event, so calendars replace the old time. */
    sequence: integer('sequence').notNull().default(0),
    /** R3.5: the appointment at Acuity when Acuity is the scheduling provider; our row stays the record. */
    acuityAppointmentId: text('acuity_appointment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bookings_acuity_appointment_idx')
      .on(t.acuityAppointmentId)
      .where(sql`${t.acuityAppointmentId} IS NOT NULL`),
    check(
      'bookings_times',
      sql`${t.startsAt} < ${t.endsAt} AND ${t.blockedFrom} <= ${t.startsAt} AND ${t.endsAt} <= ${t.blockedUntil}`,
    ),
    index('bookings_coach_start_idx').on(t.coachId, t.startsAt),
    index('bookings_client_start_idx').on(t.clientId, t.startsAt),
    index('bookings_starts_idx').on(t.startsAt),
    index('bookings_session_type_idx').on(t.sessionTypeId),
    index('bookings_credit_grant_idx').on(t.creditGrantId),
  ],
)

export type Booking = typeof bookings.$inferSelect
export type SessionType = typeof sessionTypes.$inferSelect
