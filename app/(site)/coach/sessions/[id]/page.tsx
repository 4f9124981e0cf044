import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { AnalysisPanel } from '@/components/ai/analysis-panel'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { TranscriptSegments } from '@/components/sessions/transcript-segments'
import { RetryRecordingForm } from '@/components/sessions/retry-recording-form'
import { SessionProgress } from '@/components/sessions/session-progress'
import { TranscriptShareForm } from '@/components/sessions/transcript-share-form'
import { MoveIntoPastForm } from '@/components/sessions/move-into-past-form'
import { TranscriptUploadForm } from '@/components/sessions/transcript-upload-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, PageTitle } from '@/components/ui/card'
import { Input, Label } from '@/components/ui/input'
import { getDb } from '@/db/client'
import { isLocalAuth } from '@/lib/auth/mode'
import { isUnreadable, readableOrNull } from '@/lib/account/unreadable'
import { getAnalysisForCoach } from '@/lib/ai/service'
import { requireRole } from '@/lib/auth'
import { NotFoundError } from '@/lib/errors'
import { orNotFound } from '@/lib/http/or-not-found'
import { getRequestMeta } from '@/lib/http/request-meta'
import { stageOf } from '@/lib/sessions/progress-stages'
import { getCoachSession, readTranscript } from '@/lib/sessions/sessions'
import { normaliseQuery, searchSegments } from '@/lib/sessions/transcript-search'
import { BackLink } from '@/components/ui/back-link'
import { isDiscardReason } from '@/lib/sessions/discard-reasons'

// The AI summary runs inside the request (the pipeline's timeout stays below this).
export const maxDuration = 60

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sessions'))('detail.title') }
}

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

/**
 * One session for its coach (R6.3, R13.2): facts, recording status, the transcript with speakers and times and a
 * server-side search (?q=), sharing with the client, and the upload of a transcript or audio. Reading the
 * transcript here is a view that is written to the audit log.
 */
export default async function CoachSessionPage({ params, searchParams }: Props) {
  const actor = await requireRole('coach')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const query = await searchParams
  const q = normaliseQuery(query.q)
  const db = getDb()
  const session = await orNotFound(getCoachSession(db, actor, id))
  // R10.2: a deleted client's transcript is noise (key shredded): the page says so instead of failing.
  const transcript = session.transcript
    ? await orNotFound(readableOrNull(readTranscript(db, actor, id, await getRequestMeta())))
    : null
  const transcriptUnreadable = session.transcript !== null && transcript === null
  // A session whose client account is gone has nothing to summarise: no panel, the rest of the page stays.
  const analysis = await getAnalysisForCoach(
    db,
    actor,
    { kind: 'transcript', bookingId: id },
    new Date(),
    await getRequestMeta(),
  ).catch((error) => {
    if (error instanceof NotFoundError || isUnreadable(error)) return null
    throw error
  })
  const t = await getTranslations('sessions')
  const tData = await getTranslations('data.coach')
  const format = await getBookingFormat(actor.timeZone)
  const { booking } = session
  const found = transcript ? searchSegments(transcript.segments, q) : []
  const stage = stageOf({
    recording: session.recordings[0]?.status ?? null,
    transcript: session.transcript !== null,
    analysis: analysis && analysis.status !== 'none' ? analysis.status : null,
  })

  return (
    <div className="space-y-6">
      <BackLink href="/coach/sessions">{t('detail.back')}</BackLink>
      <PageTitle>
        {t('detail.heading', {
          session: booking.sessionName,
          client: session.clientName ?? t('unknownClient'),
        })}
      </PageTitle>

      <Card aria-labelledby="session-facts">
        <h2 id="session-facts" className="sr-only">
          {t('detail.facts')}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t('detail.when')}</dt>
          <dd>{format.when(booking.startsAt)}</dd>
          <dt className="font-medium">{t('detail.duration')}</dt>
          <dd>{t('detail.minutes', { minutes: booking.durationMinutes })}</dd>
          <dt className="font-medium">{t('detail.type')}</dt>
          <dd>{t(`mode.${booking.mode}`)}</dd>
          <dt className="font-medium">{t('detail.status')}</dt>
          <dd>{t(`detail.statuses.${booking.status}`)}</dd>
        </dl>
      </Card>

      <Card aria-labelledby="session-recording" className="space-y-3">
        <h2 id="session-recording" className="text-lg font-semibold">
          {t('detail.recordingTitle')}
        </h2>
        <SessionProgress key={stage} bookingId={booking.id} initial={stage} />
        {session.recordings.length === 0 ? (
          <p className="text-muted">{t('detail.recordingEmpty')}</p>
        ) : (
          <ul className="space-y-2">
            {session.recordings.map((r) => (
              <li key={r.id} data-testid="recording-status">
                <p className="font-medium">
                  {t('detail.recordingItem', {
                    source: t(`recordingSource.${r.source}`),
                    status: t(`recordingStatus.${r.status}`),
                  })}
                </p>
                <p className="text-sm text-muted">
                  {t('detail.recordingSince', { date: format.when(r.updatedAt) })}
                </p>
                {r.error && isDiscardReason(r.error) ? (
                  <p className="text-sm font-medium" data-testid="recording-discarded">
                    {t(`detail.recordingDiscarded.${r.error}`)}
                  </p>
                ) : (
                  <>
                    {r.status === 'failed' && r.error && (
                      <p className="text-sm font-medium text-red-700">
                        {t('detail.recordingError', { error: r.error })}
                      </p>
                    )}
                    {r.status === 'failed' && (
                      <RetryRecordingForm bookingId={session.booking.id} recordingId={r.id} />
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card aria-labelledby="session-transcript" className="space-y-4">
        <h2 id="session-transcript" className="text-lg font-semibold">
          {t('detail.transcriptTitle')}
        </h2>
        {transcriptUnreadable ? (
          <p className="text-muted" data-testid="transcript-unreadable">
            {tData('unreadable')}
          </p>
        ) : !transcript ? (
          <p className="text-muted">{t('detail.transcriptEmpty')}</p>
        ) : (
          <>
            <Alert>{t('detail.auditNotice')}</Alert>
            <p className="text-sm text-muted">
              {t('detail.transcriptMeta', {
                count: transcript.segments.length,
                source: transcript.source,
                date: format.when(transcript.updatedAt),
              })}
            </p>
            <form method="get" role="search" className="flex flex-wrap items-end gap-3">
              <div className="min-w-0 flex-1">
                <Label htmlFor="transcript-q">{t('search.label')}</Label>
                <Input id="transcript-q" name="q" type="search" defaultValue={q} maxLength={200} />
              </div>
              <Button type="submit" variant="secondary">
                {t('search.submit')}
              </Button>
              {q && (
                <Link
                  href={`/coach/sessions/${booking.id}`}
                  className="min-h-10 py-2 text-brand-700 underline"
                >
                  {t('search.reset')}
                </Link>
              )}
            </form>
            {q && (
              <p role="status" className="font-medium">
                {t('search.results', { count: found.length, q })}
              </p>
            )}
            <TranscriptSegments segments={found} />
          </>
        )}
      </Card>

      {transcript && (
        <Card aria-labelledby="session-share" className="space-y-3">
          <h2 id="session-share" className="text-lg font-semibold">
            {t('share.title')}
          </h2>
          <TranscriptShareForm bookingId={booking.id} shared={transcript.sharedWithClient} />
        </Card>
      )}

      {analysis && (
        <AnalysisPanel
          kind="transcript"
          sourceId={booking.id}
          view={analysis}
          editing={query.ki === 'bearbeiten'}
          basePath={`/coach/sessions/${booking.id}`}
        />
      )}

      <Card aria-labelledby="session-upload" className="space-y-3">
        <h2 id="session-upload" className="text-lg font-semibold">
          {t('upload.title')}
        </h2>
        {session.canUpload ? (
          <TranscriptUploadForm bookingId={booking.id} hasTranscript={transcript !== null} />
        ) : booking.status === 'confirmed' && !session.started ? (
          <>
            <p className="text-muted" data-testid="upload-not-started">
              {t('upload.notStarted')}
            </p>
            {isLocalAuth && <MoveIntoPastForm bookingId={booking.id} />}
          </>
        ) : (
          <p className="text-muted">{t('upload.notPossible')}</p>
        )}
      </Card>
    </div>
  )
}
