'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { NotFoundError } from '@/lib/errors'
import { log } from '@/lib/log'
import {
  addException,
  createSessionType,
  deleteException,
  OverlappingRangesError,
  replaceWeeklyRules,
  setSessionTypeActive,
  updateSessionType,
  updateSettings,
} from './offering'
import { exceptionSchema, type MinuteRange, parseRanges, sessionTypeSchema, settingsSchema } from './schemas'
import type { Weekday } from './slots'
import { firstFieldErrors, formText } from '@/lib/http/form'

export type FormState = {
  status: 'idle' | 'saved' | 'invalid' | 'error'
  message?: string
  values?: Record<string, string>
  fieldErrors?: Record<string, string | undefined>
}

function failure(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof NotFoundError) return { status: 'error', message: error.message, values }
  log.error('bookings.offering_action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return { status: 'error', message: 'Das hat nicht geklappt. Bitte versuche es noch einmal.', values }
}

/** Create (no id) or edit a session type. A price ≤ 0 or a bad duration changes nothing. */
export async function saveSessionTypeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = Object.fromEntries(
    ['name', 'durationMinutes', 'price', 'mode'].map((k) => [k, formText(form, k)]),
  )
  const parsed = sessionTypeSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  const id = formText(form, 'id')
  try {
    if (id) {
      if (!z.uuid().safeParse(id).success) throw new NotFoundError('Dieses Angebot wurde nicht gefunden.')
      await updateSessionType(getDb(), actor, id, parsed.data)
    } else {
      await createSessionType(getDb(), actor, parsed.data)
    }
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/session-types')
  return { status: 'saved', values: id ? values : {} }
}

export async function toggleSessionTypeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  try {
    const id = z.uuid().safeParse(formText(form, 'id'))
    if (!id.success) throw new NotFoundError('Dieses Angebot wurde nicht gefunden.')
    await setSessionTypeActive(getDb(), actor, id.data, formText(form, 'active') === '1')
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/session-types')
  return { status: 'saved' }
}

const weekdays: Weekday[] = [1, 2, 3, 4, 5, 6, 7]

/** The whole week from seven text fields ("08:00–12:00, 13:00–18:00"); any bad day → nothing saved. */
export async function saveWeekAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = Object.fromEntries(weekdays.map((d) => [`day${d}`, formText(form, `day${d}`)]))
  const week = {} as Record<Weekday, MinuteRange[]>
  const fieldErrors: Record<string, string> = {}
  for (const d of weekdays) {
    const parsed = parseRanges(values[`day${d}`] ?? '')
    if ('error' in parsed) fieldErrors[`day${d}`] = parsed.error
    else week[d] = parsed.ranges
  }
  if (Object.keys(fieldErrors).length > 0) return { status: 'invalid', values, fieldErrors }
  try {
    await replaceWeeklyRules(getDb(), actor, week)
  } catch (error) {
    if (error instanceof OverlappingRangesError) {
      return { status: 'invalid', values, fieldErrors: { [`day${error.weekday}`]: error.message } }
    }
    return failure(error, values)
  }
  revalidatePath('/coach/availability')
  return { status: 'saved', values }
}

export async function saveSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const keys = [
    'bufferBeforeMinutes',
    'bufferAfterMinutes',
    'minNoticeHours',
    'horizonDays',
    'slotStepMinutes',
    'cancelCutoffHours',
  ]
  const values = Object.fromEntries(keys.map((k) => [k, formText(form, k)]))
  const parsed = settingsSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  try {
    await updateSettings(getDb(), actor, parsed.data)
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/availability')
  return { status: 'saved', values }
}

export async function addExceptionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  const values = Object.fromEntries(['date', 'kind', 'from', 'until'].map((k) => [k, formText(form, k)]))
  const parsed = exceptionSchema.safeParse(values)
  if (!parsed.success) return { status: 'invalid', values, fieldErrors: firstFieldErrors(parsed.error) }
  try {
    await addException(getDb(), actor, parsed.data)
  } catch (error) {
    return failure(error, values)
  }
  revalidatePath('/coach/availability')
  return { status: 'saved', values: {} }
}

export async function deleteExceptionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireRole('coach')
  try {
    const id = z.uuid().safeParse(formText(form, 'id'))
    if (!id.success) throw new NotFoundError('Diese Ausnahme wurde nicht gefunden.')
    await deleteException(getDb(), actor, id.data)
  } catch (error) {
    return failure(error)
  }
  revalidatePath('/coach/availability')
  return { status: 'saved' }
}
