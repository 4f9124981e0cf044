'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { recordingConsentSchema } from '@/lib/consent/schemas'
import { action } from '@/lib/http/action'
import { setRecordingConsent, setTranscriptionConsent } from './session-consent'
import { joinVideoSession, startRecording, stopRecording } from './video'

const bookingSchema = z.object({ bookingId: z.uuid({ error: 'sessions.sessionNotFound' }) })

/**
 * Join the video session (R5.1): a meeting token for the booking's coach or client, inside the window. The
 * answer carries the room and token for the Prebuilt frame. A Daily outage reads "the video service is not
 * answering" (DailyError is a ProviderError).
 */
export const joinVideoAction = action(
  { name: 'video.join', access: 'signedIn', schema: bookingSchema },
  async ({ input, actor, db, meta }) => {
    const join = await joinVideoSession(db, actor, input.bookingId, new Date(), meta)
    return { roomUrl: join.roomUrl, token: join.token, isOwner: join.isOwner }
  },
)

/** Start (intent=start) or stop (intent=stop) the cloud recording; the coach only, with consent (R5.3). */
export const recordingAction = action(
  {
    name: 'video.recording',
    access: 'coach',
    schema: bookingSchema.extend({
      intent: z.string().transform((v) => (v === 'stop' ? ('stop' as const) : ('start' as const))),
    }),
  },
  async ({ input, actor, db, meta }) => {
    const run = input.intent === 'start' ? startRecording : stopRecording
    await run(db, actor, input.bookingId, new Date(), meta)
    revalidatePath(`/sessions/${input.bookingId}`)
  },
)

/**
 * The client's yes or no to recording this session (R5.3, R9.3), stored with proof. A no during a running
 * recording also stops it at once, and deletes the session's audio.
 */
export const recordingConsentAction = action(
  {
    name: 'video.recordingConsent',
    access: 'client',
    schema: recordingConsentSchema,
  },
  async ({ input, actor, db, meta }) => {
    const { changed } = await setRecordingConsent(db, actor, input, meta, new Date())
    revalidatePath(`/sessions/${input.bookingId}`)
    if (!changed) return input.granted ? ('unchangedYes' as const) : ('unchangedNo' as const)
    return input.granted ? ('granted' as const) : ('withdrawn' as const)
  },
)

/**
 * The client's yes or no to Gladia transcribing this session's audio (R6, policy §6.2), stored with proof. A no
 * stops queued work and deletes the session's audio.
 */
export const transcriptionConsentAction = action(
  {
    name: 'video.transcriptionConsent',
    access: 'client',
    schema: recordingConsentSchema,
  },
  async ({ input, actor, db, meta }) => {
    const { changed } = await setTranscriptionConsent(db, actor, input, meta, new Date())
    revalidatePath(`/sessions/${input.bookingId}`)
    if (!changed) return input.granted ? ('unchangedYes' as const) : ('unchangedNo' as const)
    return input.granted ? ('granted' as const) : ('withdrawn' as const)
  },
)
