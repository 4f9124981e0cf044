'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { formText } from '@/lib/http/form'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { retryRecording } from './pipeline'
import { setTranscriptShared, uploadTranscript } from './sessions'
import { TranscriptParseError } from './transcript-parse'
import { assertUploadSize, UnsupportedUploadError, uploadKindOf } from './upload-file'

export type UploadState =
  | { status: 'idle' }
  | { status: 'error'; message: string }
  | { status: 'success'; kind: 'transcript'; segmentCount: number }
  | { status: 'success'; kind: 'recording' }

export type ShareState = { status: 'idle' } | { status: 'error'; message: string }

const bookingIdSchema = z.uuid()
const GENERIC = 'Das hat nicht geklappt. Bitte versuche es noch einmal.'

/** Domain errors carry a German sentence for the coach; anything else is logged by class only, never content. */
function messageFor(error: unknown): string {
  if (
    error instanceof TranscriptParseError ||
    error instanceof UnsupportedUploadError ||
    error instanceof ConflictError ||
    error instanceof NotFoundError ||
    error instanceof AuthorizationError
  )
    return error.message
  log.error('sessions.action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return GENERIC
}

function revalidateSession(bookingId: string) {
  revalidatePath('/coach/sessions')
  revalidatePath(`/coach/sessions/${bookingId}`)
  revalidatePath(`/sessions/${bookingId}/transcript`)
}

/**
 * The coach uploads a transcript (text, WebVTT, SRT) or audio for a session (R6.3). Type and size are checked
 * from the form's file before its content is read; the service checks everything again and stores nothing on
 * bad input.
 */
export async function uploadSessionFileAction(_prev: UploadState, form: FormData): Promise<UploadState> {
  const actor = await requireRole('coach')
  const id = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  const file = form.get('file')
  try {
    if (!id.success) throw new NotFoundError('Diese Sitzung gibt es nicht.')
    if (!(file instanceof File) || (file.size === 0 && file.name === ''))
      return { status: 'error', message: 'Bitte wähle eine Datei aus.' }
    assertUploadSize(uploadKindOf(file), file.size)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const result = await uploadTranscript(
      getDb(),
      actor,
      id.data,
      { name: file.name, type: file.type, bytes },
      await getRequestMeta(),
    )
    revalidateSession(id.data)
    return result.kind === 'transcript'
      ? { status: 'success', kind: 'transcript', segmentCount: result.segmentCount }
      : { status: 'success', kind: 'recording' }
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
}

/** Shares the transcript with the client or takes it back (`shared` '1' or '0'). */
export async function setTranscriptSharedAction(_prev: ShareState, form: FormData): Promise<ShareState> {
  const actor = await requireRole('coach')
  const id = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  const shared = z.enum(['0', '1']).safeParse(formText(form, 'shared'))
  try {
    if (!id.success || !shared.success) throw new NotFoundError('Diese Sitzung gibt es nicht.')
    await setTranscriptShared(getDb(), actor, id.data, shared.data === '1', await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  revalidateSession(id.data)
  return { status: 'idle' }
}

/** The coach restarts a failed recording step (download, Daily delete or transcription) from where it stopped. */
export async function retryRecordingAction(_prev: ShareState, form: FormData): Promise<ShareState> {
  const actor = await requireRole('coach')
  const id = bookingIdSchema.safeParse(formText(form, 'recordingId'))
  const bookingId = bookingIdSchema.safeParse(formText(form, 'bookingId'))
  try {
    if (!id.success || !bookingId.success) throw new NotFoundError('Diese Aufnahme gibt es nicht.')
    await retryRecording(getDb(), actor, id.data, new Date())
    revalidateSession(bookingId.data)
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  return { status: 'idle' }
}
