'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { formText } from '@/lib/http/form'
import { isLocalAuth } from '@/lib/auth/mode'
import { AppError } from '@/lib/errors'
import { action } from '@/lib/http/action'
import { moveSessionIntoPast } from './local-past-session'
import { prepareAudioUpload, registerAudioUpload } from './audio-upload'
import { retryRecording } from './recording'
import { startTranscription } from './transcription'
import { setTranscriptShared, uploadTranscript } from './sessions'
import { assertUploadSize, uploadKindOf } from './upload-file'

const bookingIdSchema = z.uuid({ error: 'sessions.sessionNotFound' })

function revalidateSession(bookingId: string) {
  revalidatePath('/coach/sessions')
  revalidatePath(`/coach/sessions/${bookingId}`)
  revalidatePath(`/sessions/${bookingId}/transcript`)
}

const uploadSchema = z.object({
  bookingId: bookingIdSchema,
  file: z
    .instanceof(File, { error: 'sessions.chooseFile' })
    .refine((f) => !(f.size === 0 && f.name === ''), { error: 'sessions.chooseFile' }),
})

/**
 * The coach uploads a transcript (text, WebVTT, SRT) or audio for a session (R6.3). Type and size are checked
 * from the form's file before its content is read; the service checks everything again and stores nothing on
 * bad input.
 */
export const uploadSessionFileAction = action(
  {
    name: 'sessions.upload',
    access: 'coach',
    schema: uploadSchema,
    input: (form) => ({ bookingId: formText(form, 'bookingId'), file: form.get('file') }),
  },
  async ({ input: { bookingId, file }, actor, db, meta }) => {
    assertUploadSize(uploadKindOf(file), file.size)
    const bytes = new Uint8Array(await file.arrayBuffer())
    const result = await uploadTranscript(
      db,
      actor,
      bookingId,
      { name: file.name, type: file.type, bytes },
      meta,
    )
    revalidateSession(bookingId)
    return result.kind === 'transcript'
      ? { kind: 'transcript' as const, segmentCount: result.segmentCount }
      : { kind: 'recording' as const }
  },
)

/**
 * Step 1 of an audio upload straight to storage (R6.3, issue 16.3): the file's name, type and size as the
 * browser reports them → a short-lived upload URL and a ticket. Nothing of the file passes through here.
 */
export const prepareAudioUploadAction = action(
  {
    name: 'sessions.prepareAudioUpload',
    access: 'coach',
    schema: z.object({
      bookingId: bookingIdSchema,
      name: z.string().max(300, { error: 'sessions.upload.unsupported' }),
      type: z.string().max(200, { error: 'sessions.upload.unsupported' }),
      size: z.coerce.number({ error: 'sessions.chooseFile' }).int().nonnegative(),
    }),
  },
  async ({ input, actor, db }) => {
    const grant = await prepareAudioUpload(db, actor, input.bookingId, input, new Date())
    return { url: grant.url, headers: grant.headers, ticket: grant.ticket }
  },
)

/** Step 3: the uploaded file is checked, encrypted with the client's key and registered for transcription. */
export const registerAudioUploadAction = action(
  {
    name: 'sessions.registerAudioUpload',
    access: 'coach',
    schema: z.object({
      bookingId: bookingIdSchema,
      ticket: z
        .string()
        .min(1, { error: 'sessions.upload.expired' })
        .max(2000, { error: 'sessions.upload.expired' }),
    }),
  },
  async ({ input, actor, db, meta }) => {
    const now = new Date()
    const { recordingId } = await registerAudioUpload(db, actor, input.ticket, now, meta)
    // Sent at once when Gladia is configured (consent checked again there); otherwise the sweeper does it later.
    await startTranscription(db, recordingId, now)
    revalidateSession(input.bookingId)
    return { kind: 'recording' as const }
  },
)

/** Shares the transcript with the client or takes it back (`shared` '1' or '0'). */
export const setTranscriptSharedAction = action(
  {
    name: 'sessions.setTranscriptShared',
    access: 'coach',
    schema: z.object({
      bookingId: bookingIdSchema,
      shared: z.enum(['0', '1'], { error: 'sessions.sessionNotFound' }).transform((v) => v === '1'),
    }),
  },
  async ({ input, actor, db, meta }) => {
    await setTranscriptShared(db, actor, input.bookingId, input.shared, meta)
    revalidateSession(input.bookingId)
  },
)

/** The coach restarts a failed recording step (download, Daily delete or transcription) from where it stopped. */
export const retryRecordingAction = action(
  {
    name: 'sessions.retryRecording',
    access: 'coach',
    schema: z.object({
      recordingId: z.uuid({ error: 'sessions.recordingNotFound' }),
      bookingId: z.uuid({ error: 'sessions.recordingNotFound' }),
    }),
  },
  async ({ input, actor, db }) => {
    await retryRecording(db, actor, input.recordingId, new Date())
    revalidateSession(input.bookingId)
  },
)

/** Local mode only: moves an upcoming session into the past, to try the upload (lib/sessions/local-past-session.ts). */
export const moveSessionIntoPastAction = action(
  { name: 'sessions.moveIntoPast', access: 'coach', schema: z.object({ bookingId: bookingIdSchema }) },
  async ({ input: { bookingId }, actor, db }) => {
    if (!isLocalAuth) throw new AppError('sessions.localOnly')
    await moveSessionIntoPast(db, actor, bookingId)
    revalidateSession(bookingId)
  },
)
