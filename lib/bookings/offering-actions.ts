'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action } from '@/lib/http/action'
import { optionalId, switchField } from '@/lib/http/form'
import {
  addException,
  createSessionType,
  deleteException,
  replaceWeeklyRules,
  setSessionTypeActive,
  updateSessionType,
  updateSettings,
} from './offering'
import { exceptionSchema, parseRanges, sessionTypeSchema, settingsSchema } from './schemas'
import type { Weekday } from './slots'

const sessionTypeIdSchema = z.uuid({ error: 'bookings.sessionTypeNotFound' })
const toggleSchema = z.object({ id: sessionTypeIdSchema, active: switchField })

/** Create (no id) or edit a session type. A price ≤ 0 or a bad duration changes nothing. */
export const saveSessionTypeAction = action(
  {
    name: 'bookings.saveSessionType',
    access: 'coach',
    schema: sessionTypeSchema.extend({ id: optionalId(sessionTypeIdSchema) }),
    hidden: ['id'],
  },
  async ({ input: { id, ...sessionType }, actor, db }) => {
    if (id) await updateSessionType(db, actor, id, sessionType)
    else await createSessionType(db, actor, sessionType)
    revalidatePath('/coach/session-types')
  },
)

export const toggleSessionTypeAction = action(
  { name: 'bookings.toggleSessionType', access: 'coach', schema: toggleSchema },
  async ({ input, actor, db }) => {
    await setSessionTypeActive(db, actor, input.id, input.active)
    revalidatePath('/coach/session-types')
  },
)

const weekdays: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

/** One weekday as typed ("08:00–12:00, 13:00–18:00"; empty: closed). */
const rangesSchema = z.string().transform((text, ctx) => {
  const parsed = parseRanges(text)
  if ('ranges' in parsed) return parsed.ranges
  ctx.addIssue({ code: 'custom', message: parsed.error, params: parsed.params })
  return z.NEVER
})
const weekSchema = z.object(Object.fromEntries(weekdays.map((d) => [`day${d}`, rangesSchema])))

/** The whole week from seven text fields; any bad day (or overlapping ranges) → nothing saved. */
export const saveWeekAction = action(
  { name: 'bookings.saveWeek', access: 'coach', schema: weekSchema },
  async ({ input, actor, db }) => {
    const week = Object.fromEntries(weekdays.map((d) => [d, input[`day${d}`] ?? []]))
    await replaceWeeklyRules(db, actor, week as Record<Weekday, (typeof input)[string]>)
    revalidatePath('/coach/availability')
  },
)

export const saveSettingsAction = action(
  { name: 'bookings.saveSettings', access: 'coach', schema: settingsSchema },
  async ({ input, actor, db }) => {
    await updateSettings(db, actor, input)
    revalidatePath('/coach/availability')
  },
)

export const addExceptionAction = action(
  { name: 'bookings.addException', access: 'coach', schema: exceptionSchema },
  async ({ input, actor, db }) => {
    await addException(db, actor, input)
    revalidatePath('/coach/availability')
  },
)

export const deleteExceptionAction = action(
  {
    name: 'bookings.deleteException',
    access: 'coach',
    schema: z.object({ id: z.uuid({ error: 'bookings.exceptionNotFound' }) }),
  },
  async ({ input, actor, db }) => {
    await deleteException(db, actor, input.id)
    revalidatePath('/coach/availability')
  },
)
