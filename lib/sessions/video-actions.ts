'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireActor, requireRole } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { recordingConsentSchema } from '@/lib/consent/schemas'
import { OUTDATED_TEXT_MESSAGE, recordRecordingConsent } from '@/lib/consent/service'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { formText } from '@/lib/http/form'
import { getRequestMeta } from '@/lib/http/request-meta'
import { DailyError } from '@/lib/integrations/daily'
import { log } from '@/lib/log'
import { joinVideoSession, startRecording, stopActiveRecording, stopRecording } from './video'

/** The browser's answer to "join": the room and token for the Prebuilt frame, or why not. */
export type JoinState =
  | { status: 'idle' }
  | { status: 'joined'; roomUrl: string; token: string; isOwner: boolean }
  | { status: 'error'; message: string }

export type VideoActionState = { status: 'idle' | 'done' | 'error'; message?: string }

export type RecordingConsentState = {
  status: 'idle' | 'granted' | 'withdrawn' | 'unchangedYes' | 'unchangedNo' | 'error'
  message?: string
}

const bookingIdSchema = z.uuid()
const GENERIC = 'Das hat nicht geklappt. Bitte versuche es noch einmal.'
const DAILY_DOWN = 'Der Videodienst antwortet gerade nicht. Bitte versuche es in einem Moment noch einmal.'

/** Domain errors carry a sentence for the person; anything else is logged by class only (no content). */
function messageFor(error: unknown, event: string): string {
  if (error instanceof ConflictError || error instanceof NotFoundError || error instanceof AuthorizationError)
    return error.message
  log.error(event, {
    error: error instanceof Error ? error.name : 'unknown',
    ...(error instanceof DailyError ? { status: error.status } : {}),
  })
  return error instanceof DailyError ? DAILY_DOWN : GENERIC
}

function bookingIdOf(form: FormData): string {
  const id = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  if (!id.success) throw new NotFoundError('Diese Sitzung gibt es nicht.')
  return id.data
}

/** Join the video session (R5.1): a meeting token for the booking's coach or client, inside the window. */
export async function joinVideoAction(_prev: JoinState, form: FormData): Promise<JoinState> {
  const actor = await requireActor()
  try {
    const bookingId = bookingIdOf(form)
    const join = await joinVideoSession(getDb(), actor, bookingId, new Date(), await getRequestMeta())
    return { status: 'joined', roomUrl: join.roomUrl, token: join.token, isOwner: join.isOwner }
  } catch (error) {
    return { status: 'error', message: messageFor(error, 'video.join_failed') }
  }
}

/** Start (intent=start) or stop (intent=stop) the cloud recording; the coach only, with consent (R5.3). */
export async function recordingAction(_prev: VideoActionState, form: FormData): Promise<VideoActionState> {
  const actor = await requireRole('coach')
  const intent = formText(form, 'intent') === 'stop' ? 'stop' : 'start'
  let bookingId: string
  try {
    bookingId = bookingIdOf(form)
    const run = intent === 'start' ? startRecording : stopRecording
    await run(getDb(), actor, bookingId, new Date(), await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error, `video.recording_${intent}_failed`) }
  }
  revalidatePath(`/sessions/${bookingId}`)
  return { status: 'done' }
}

/**
 * The client's yes or no to recording this session (R5.3, R9.3), stored with proof. A no during a running
 * recording also stops it at once.
 */
export async function recordingConsentAction(
  _prev: RecordingConsentState,
  form: FormData,
): Promise<RecordingConsentState> {
  const parsed = recordingConsentSchema.safeParse({
    bookingId: formText(form, 'bookingId'),
    granted: formText(form, 'granted'),
    textVersion: formText(form, 'textVersion'),
    locale: formText(form, 'locale'),
  })
  if (!parsed.success) return { status: 'error', message: 'Diese Angaben sind unvollständig.' }
  const actor = await requireRole('client')
  const { bookingId, granted } = parsed.data
  const db = getDb()
  let changed: boolean
  try {
    changed = (await recordRecordingConsent(db, actor, parsed.data, await getRequestMeta())).changed
  } catch (error) {
    if (error instanceof ConflictError) return { status: 'error', message: OUTDATED_TEXT_MESSAGE }
    return { status: 'error', message: messageFor(error, 'video.recording_consent_failed') }
  }
  if (!granted) {
    try {
      await stopActiveRecording(db, bookingId, new Date())
    } catch (error) {
      log.error('video.recording_stop_after_withdrawal_failed', {
        error: error instanceof Error ? error.name : 'unknown',
      })
    }
  }
  revalidatePath(`/sessions/${bookingId}`)
  if (!changed) return { status: granted ? 'unchangedYes' : 'unchangedNo' }
  return { status: granted ? 'granted' : 'withdrawn' }
}
