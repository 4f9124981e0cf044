import 'server-only'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { bookings, sessionRecordings, users, videoRooms } from '@/db/schema'
import type { Db } from '@/db/types'
import { type RequestMeta, recordAudit } from '@/lib/audit/service'
import { type Actor, AuthorizationError } from '@/lib/auth/types'
import { isProcessingRestricted } from '@/lib/consent/restriction'
import { hasRecordingConsent, hasTranscriptionConsent } from '@/lib/consent/service'
import { env } from '@/lib/env'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { intlLocale } from '@/lib/i18n/locale'
import { type DailyClient, dailyClient, DailyError } from '@/lib/integrations/daily'

/**
 * Video sessions (R5.1–R5.3): one private Daily room per confirmed video booking, meeting tokens only for the
 * booking's coach (owner) and client, only inside the room's window, and cloud recording only while the
 * client's recording consent for this session is in force — checked here, at the moment of starting.
 */

const MINUTE = 60_000
/** The room opens this long before the start … */
export const OPENS_BEFORE_MINUTES = 15
/** … and closes (ejecting everybody) this long after the booked end. */
export const CLOSES_AFTER_MINUTES = 30

export const NO_RECORDING_CONSENT = 'video.noRecordingConsent'
export const PROCESSING_RESTRICTED = 'video.processingRestricted'

export class VideoNotConfiguredError extends ConflictError {
  override name = 'VideoNotConfiguredError'
  constructor() {
    super('video.notConfigured')
  }
}

export type VideoWindow = { opensAt: Date; closesAt: Date; state: 'before' | 'open' | 'after' }

export function videoWindow(booking: { startsAt: Date; endsAt: Date }, now: Date): VideoWindow {
  const opensAt = new Date(booking.startsAt.getTime() - OPENS_BEFORE_MINUTES * MINUTE)
  const closesAt = new Date(booking.endsAt.getTime() + CLOSES_AFTER_MINUTES * MINUTE)
  const state = now < opensAt ? 'before' : now >= closesAt ? 'after' : 'open'
  return { opensAt, closesAt, state }
}

export const videoRoomName = (bookingId: string) => `${env.VIDEO_ROOM_PREFIX}-${bookingId}`

const seconds = (at: Date) => Math.floor(at.getTime() / 1000)

/** The opening time in the person's language and zone ("Mo., 7. Dezember, 14:45"). */
function whenText(at: Date, { locale, timeZone }: Pick<Actor, 'locale' | 'timeZone'>) {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at)
}

/**
 * The booking as one of its two parties sees it. Anyone else — another client, another coach, an unknown
 * id — gets NotFound (R14.1). Only confirmed video bookings have a video session.
 */
async function sessionOf(db: Db, actor: Actor, bookingId: string) {
  const [booking] = await db
    .select({
      id: bookings.id,
      coachId: bookings.coachId,
      clientId: bookings.clientId,
      sessionName: bookings.sessionName,
      durationMinutes: bookings.durationMinutes,
      mode: bookings.mode,
      status: bookings.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      clientName: users.name,
    })
    .from(bookings)
    .leftJoin(users, eq(users.id, bookings.clientId))
    .where(eq(bookings.id, bookingId))
  const role =
    booking && actor.role === 'coach' && booking.coachId === actor.userId
      ? 'coach'
      : booking && actor.role === 'client' && booking.clientId === actor.userId
        ? 'client'
        : null
  if (!booking || !role || booking.status !== 'confirmed') throw new NotFoundError('sessions.sessionNotFound')
  return { booking, role } as const
}

type Session = Awaited<ReturnType<typeof sessionOf>>

function requireVideoMode(session: Session) {
  if (session.booking.mode !== 'video') throw new ConflictError('video.inPerson')
}

/** Refuses outside the window with a sentence that says when the room opens or that it has closed. */
function requireOpen(session: Session, actor: Actor, now: Date): VideoWindow {
  const window = videoWindow(session.booking, now)
  if (window.state === 'before')
    throw new ConflictError('video.notOpenYet', {
      params: { minutes: OPENS_BEFORE_MINUTES, when: whenText(window.opensAt, actor) },
    })
  if (window.state === 'after') throw new ConflictError('video.over')
  return window
}

function requireDaily(): DailyClient {
  const daily = dailyClient()
  if (!daily) throw new VideoNotConfiguredError()
  return daily
}

async function storedRoom(db: Db, bookingId: string) {
  const [room] = await db.select().from(videoRooms).where(eq(videoRooms.bookingId, bookingId))
  return room
}

/**
 * Creates the private room of a confirmed video booking once (R5.1): `<prefix>-<bookingId>`, at most two
 * people, open from 15 minutes before the start until 30 minutes after the end (then everybody is ejected),
 * audio-only cloud recording allowed (started only by startRecording). A room from before a move of the
 * booking is replaced. Two calls at once: the loser finds the winner's room at Daily and stores the same.
 */
export async function ensureVideoRoom(db: Db, bookingId: string, now: Date) {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, bookingId))
  if (!booking || booking.status !== 'confirmed' || booking.mode !== 'video')
    throw new NotFoundError('sessions.sessionNotFound')
  const window = videoWindow(booking, now)
  const existing = await storedRoom(db, bookingId)
  if (existing && existing.expiresAt.getTime() === window.closesAt.getTime()) return existing

  const daily = requireDaily()
  const name = videoRoomName(bookingId)
  if (existing) {
    await daily.deleteRoom(name).catch(() => undefined)
    await db.delete(videoRooms).where(eq(videoRooms.bookingId, bookingId))
  }
  let created: { name: string; url: string }
  try {
    created = await daily.createRoom({
      name,
      nbf: seconds(window.opensAt),
      exp: seconds(window.closesAt),
      recording: 'cloud-audio-only',
    })
  } catch (error) {
    // Already there (a concurrent call, or a row lost): use it.
    created = await daily.getRoom(name).catch(() => {
      throw error
    })
  }
  await db
    .insert(videoRooms)
    .values({ bookingId, roomName: created.name, roomUrl: created.url, expiresAt: window.closesAt })
    .onConflictDoNothing()
  return (await storedRoom(db, bookingId))!
}

/**
 * The Daily recording of this booking that is running now, if any: status 'recording' and no duration yet.
 * Stopping sets the duration and leaves the status to the pipeline, whose `recording.ready-to-download`
 * webhook takes the row over (Daily id, 'downloading').
 */
async function activeRecording(db: Db, bookingId: string) {
  const [row] = await db
    .select()
    .from(sessionRecordings)
    .where(
      and(
        eq(sessionRecordings.bookingId, bookingId),
        eq(sessionRecordings.status, 'recording'),
        isNull(sessionRecordings.durationSeconds),
      ),
    )
    .orderBy(desc(sessionRecordings.createdAt))
    .limit(1)
  return row
}

export type VideoJoin = { roomUrl: string; token: string; isOwner: boolean; recordingAllowed: boolean }

/**
 * A meeting token for the booking's coach (moderator; may record from the call only with the client's consent)
 * or client (participant), only inside the window (R5.1). The token expires with the room. Everybody else:
 * NotFound.
 */
export async function joinVideoSession(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
  meta: RequestMeta,
): Promise<VideoJoin> {
  const session = await sessionOf(db, actor, bookingId)
  requireVideoMode(session)
  const window = requireOpen(session, actor, now)
  const room = await ensureVideoRoom(db, bookingId, now)
  const isOwner = session.role === 'coach'
  // R5.3: the coach's token may record from inside the call only with the client's consent at join time; a
  // recording that arrives without consent in force is deleted anyway (lib/sessions/recording.ts).
  const recordingAllowed =
    session.booking.clientId !== null &&
    (await hasRecordingConsent(db, bookingId, session.booking.clientId, now)) &&
    !(await isProcessingRestricted(db, session.booking.clientId))
  const { token } = await requireDaily().createMeetingToken({
    roomName: room.roomName,
    exp: seconds(window.closesAt),
    moderator: isOwner,
    mayRecord: isOwner && recordingAllowed,
    userId: actor.userId,
    userName: actor.name,
  })
  await recordAudit(db, {
    actor: { userId: actor.userId, role: actor.role },
    action: 'video.joined',
    target: { type: 'booking', id: bookingId },
    details: { owner: isOwner },
    meta,
  })
  return { roomUrl: room.roomUrl, token, isOwner, recordingAllowed }
}

/** Recording is the coach's to start and stop; the client of the booking is told so, anyone else NotFound. */
async function coachSession(db: Db, actor: Actor, bookingId: string, now: Date) {
  const session = await sessionOf(db, actor, bookingId)
  if (session.role !== 'coach') throw new AuthorizationError('video.coachRecords')
  requireVideoMode(session)
  requireOpen(session, actor, now)
  return session
}

/**
 * Starts the audio-only cloud recording (R5.3) — only while the client's consent for this session is in
 * force at `now`, checked before anything goes to Daily. The booking row is locked so two clicks cannot
 * start two recordings; the row and the audit entry are written only if Daily accepted.
 */
export async function startRecording(db: Db, actor: Actor, bookingId: string, now: Date, meta: RequestMeta) {
  const session = await coachSession(db, actor, bookingId, now)
  const clientId = session.booking.clientId
  if (!clientId || !(await hasRecordingConsent(db, bookingId, clientId, now)))
    throw new ConflictError(NO_RECORDING_CONSENT)
  // R10.3: while the client restricts processing, no new recording starts — checked before Daily is asked.
  if (await isProcessingRestricted(db, clientId)) throw new ConflictError(PROCESSING_RESTRICTED)
  const daily = requireDaily()
  const room = await ensureVideoRoom(db, bookingId, now)
  return db.transaction(async (tx) => {
    await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, bookingId)).for('update')
    if (await activeRecording(tx, bookingId)) throw new ConflictError('video.alreadyRecording')
    // Checked again under the lock: a withdrawal a moment ago wins.
    if (!(await hasRecordingConsent(tx, bookingId, clientId, now)))
      throw new ConflictError(NO_RECORDING_CONSENT)
    if (await isProcessingRestricted(tx, clientId)) throw new ConflictError(PROCESSING_RESTRICTED)
    await daily.startRecording(room.roomName, 'cloud-audio-only')
    const [row] = await tx
      .insert(sessionRecordings)
      .values({ bookingId, source: 'daily', status: 'recording', startedAt: now })
      .returning()
    await recordAudit(tx, {
      actor: { userId: actor.userId, role: actor.role },
      action: 'recording.started',
      target: { type: 'booking', id: bookingId },
      details: { recordingId: row!.id },
      meta,
    })
    return row!
  })
}

/**
 * Stops the running recording at Daily. The row keeps status 'recording' for the pipeline to take over when the
 * file is ready; its duration is set, so nobody sees "Aufnahme läuft" any more.
 */
export async function stopRecording(db: Db, actor: Actor, bookingId: string, now: Date, _meta: RequestMeta) {
  await coachSession(db, actor, bookingId, now)
  return stopActiveRecording(db, bookingId, now)
}

/**
 * Stops this booking's running recording, if any — also when the client withdraws consent during the session.
 * Returns whether one was running.
 */
export async function stopActiveRecording(db: Db, bookingId: string, now: Date): Promise<boolean> {
  const active = await activeRecording(db, bookingId)
  if (!active) return false
  const room = await storedRoom(db, bookingId)
  const daily = requireDaily()
  if (room) {
    try {
      await daily.stopRecording(room.roomName)
    } catch (error) {
      // Daily already stopped it (e.g. everybody left): nothing runs any more, which is what we want.
      if (!(error instanceof DailyError && error.status === 400)) throw error
    }
  }
  const startedAt = active.startedAt ?? active.createdAt
  await db
    .update(sessionRecordings)
    .set({
      durationSeconds: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
      updatedAt: now,
    })
    .where(and(eq(sessionRecordings.id, active.id), isNull(sessionRecordings.durationSeconds)))
  return true
}

export type VideoSessionView = {
  booking: Session['booking']
  role: 'coach' | 'client'
  window: VideoWindow
  configured: boolean
  /** The client's recording consent for this session, now. */
  recordingConsent: boolean
  /** A recording of this booking is running (shown to both, R5.3). */
  recording: boolean
  /** R10.3: the client restricted processing — no new recording may start. */
  processingRestricted: boolean
  /** The client's consent to Gladia transcribing this session's audio, now (asked separately). */
  transcriptionConsent: boolean
}

/** What the session page shows to one of the two parties; anyone else NotFound. Writes nothing. */
export async function getVideoSession(
  db: Db,
  actor: Actor,
  bookingId: string,
  now: Date,
): Promise<VideoSessionView> {
  const { booking, role } = await sessionOf(db, actor, bookingId)
  const window = videoWindow(booking, now)
  const [recordingConsent, active, processingRestricted, transcriptionConsent] = await Promise.all([
    booking.clientId ? hasRecordingConsent(db, bookingId, booking.clientId, now) : false,
    activeRecording(db, bookingId),
    booking.clientId ? isProcessingRestricted(db, booking.clientId) : false,
    booking.clientId ? hasTranscriptionConsent(db, bookingId, booking.clientId, now) : false,
  ])
  return {
    booking,
    role,
    window,
    configured: dailyClient() !== null,
    recordingConsent,
    recording: active !== undefined && window.state !== 'after',
    processingRestricted,
    transcriptionConsent,
  }
}
