import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { AnalysisContentView } from '@/components/ai/analysis-content'
import { BookingFacts } from '@/components/bookings/client/booking-facts'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { RecordingConsentForm, RecordingControls } from '@/components/sessions/recording-forms'
import { VideoCall } from '@/components/sessions/video-call'
import { AppShell } from '@/components/shell/app-shell'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { sharedSummaryForClient } from '@/lib/ai/service'
import { requireActor } from '@/lib/auth'
import { recordingConsentText, transcriptionConsentText } from '@/lib/consent/texts'
import { orNotFound } from '@/lib/http/or-not-found'
import { parseLocale } from '@/lib/i18n/locale'
import { getVideoSession, OPENS_BEFORE_MINUTES } from '@/lib/sessions/video'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('video'))('title') }
}

type Props = { params: Promise<{ id: string }> }

/**
 * The video session of one booking (R5.1–R5.3), for its coach and its client only (anyone else: 404). The
 * call opens on demand inside the window; the client answers the recording question here, the coach can
 * record only with a yes, and both see while it records. Without a Daily key the page says so.
 */
export default async function VideoSessionPage({ params }: Props) {
  const actor = await requireActor()
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const now = new Date()
  const session = await orNotFound(getVideoSession(getDb(), actor, id, now))
  const { booking, role, window } = session
  // The client sees the summary only once the coach approved and shared it (R7.4); drafts never.
  const summary = role === 'client' ? await sharedSummaryForClient(getDb(), actor, booking.id) : null
  const t = await getTranslations('video')
  const tAi = await getTranslations('ai')
  const tData = await getTranslations('data.restriction')
  const format = await getBookingFormat(actor.timeZone)
  const locale = parseLocale((await getLocale()).slice(0, 2))
  const consentText = recordingConsentText[locale]
  const transcriptionText = transcriptionConsentText[locale]
  const tTranscription = await getTranslations('video.transcription')
  const video = booking.mode === 'video'

  const windowText =
    window.state === 'before'
      ? t('window.before', { minutes: OPENS_BEFORE_MINUTES, opensAt: format.when(window.opensAt) })
      : window.state === 'open'
        ? t('window.open', { closesAt: format.time(window.closesAt) })
        : t('window.after')

  return (
    <AppShell actor={actor}>
      <div className="space-y-6">
        <BackLink href={role === 'coach' ? '/coach/bookings' : `/bookings/${booking.id}`}>
          {t('back')}
        </BackLink>
        <PageTitle>
          {t('title')}: {booking.sessionName}
        </PageTitle>

        {session.recording && (
          <p
            role="status"
            data-testid="recording-indicator"
            className="flex items-center gap-2 rounded-md border border-red-300 bg-red-50 px-4 py-3 font-semibold text-red-900"
          >
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full bg-red-600" />
            {t('recording.active')}
            <span className="font-normal">– {t('recording.activeHint')}</span>
          </p>
        )}

        <Card className="space-y-4">
          <BookingFacts
            when={format.when(booking.startsAt)}
            durationMinutes={booking.durationMinutes}
            sessionName={booking.sessionName}
            mode={booking.mode}
            extra={[
              ...(role === 'coach' && booking.clientName
                ? [{ label: t('facts.with'), value: booking.clientName }]
                : []),
              ...(video ? [{ label: t('facts.room'), value: windowText }] : []),
            ]}
          />
        </Card>

        {summary && (
          <Card aria-labelledby="summary-title" data-testid="shared-summary" className="space-y-4">
            <h2 id="summary-title" className="text-lg font-semibold">
              {tAi('client.title')}
            </h2>
            <p className="max-w-prose text-sm text-muted">{tAi('client.note')}</p>
            <AnalysisContentView content={summary} />
          </Card>
        )}

        {video && !session.configured && (
          <Alert tone="warning" className="space-y-1 text-base">
            <p className="font-semibold">{t('notConfigured.title')}</p>
            <p>{t('notConfigured.body')}</p>
            <p>{role === 'coach' ? t('notConfigured.coachHint') : t('notConfigured.clientHint')}</p>
          </Alert>
        )}

        {video && session.configured && window.state === 'open' && (
          <Card aria-labelledby="call-title" className="space-y-3">
            <h2 id="call-title" className="text-lg font-semibold">
              {t('call.title')}
            </h2>
            <VideoCall bookingId={booking.id} lang={locale} />
          </Card>
        )}

        {video && role === 'client' && (
          <Card aria-labelledby="consent-title" data-testid="recording-consent" className="space-y-4">
            <h2 id="consent-title" className="text-lg font-semibold">
              {t('consent.question')}
            </h2>
            <p>
              {t('consent.current')}:{' '}
              <Badge
                data-testid="recording-consent-state"
                className={
                  session.recordingConsent ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'
                }
              >
                {session.recordingConsent ? t('consent.yes') : t('consent.no')}
              </Badge>
            </p>
            <div>
              <h3 className="text-sm font-semibold">{t('consent.allowsHeading')}</h3>
              <p className="mt-1 max-w-prose">{consentText.allows}</p>
            </div>
            <div>
              <h3 className="text-sm font-semibold">{t('consent.withoutHeading')}</h3>
              <p className="mt-1 max-w-prose">{consentText.without}</p>
            </div>
            <p className="text-xs text-muted">
              {t('consent.textVersion', { version: recordingConsentText.version })}
            </p>
            {session.processingRestricted && (
              <Alert tone="warning" data-testid="recording-restricted">
                {tData('recordingClient')}
              </Alert>
            )}
            {window.state === 'after' ? (
              <p className="text-sm text-muted">{t('consent.closed')}</p>
            ) : (
              <>
                <p className="text-sm text-muted">{t('consent.changeHint')}</p>
                <RecordingConsentForm
                  bookingId={booking.id}
                  granted={session.recordingConsent}
                  textVersion={recordingConsentText.version}
                  locale={locale}
                  labelledBy="consent-title"
                />
              </>
            )}
          </Card>
        )}

        {role === 'client' && (
          <Card
            aria-labelledby="transcription-consent-title"
            data-testid="transcription-consent"
            className="space-y-4"
          >
            <h2 id="transcription-consent-title" className="text-lg font-semibold">
              {tTranscription('question')}
            </h2>
            <p>
              {tTranscription('current')}:{' '}
              <Badge
                data-testid="transcription-consent-state"
                className={
                  session.transcriptionConsent ? 'bg-green-100 text-green-900' : 'bg-slate-100 text-slate-800'
                }
              >
                {session.transcriptionConsent ? tTranscription('yes') : tTranscription('no')}
              </Badge>
            </p>
            {!video && <p className="max-w-prose">{tTranscription('inPersonHint')}</p>}
            <div>
              <h3 className="text-sm font-semibold">{t('consent.allowsHeading')}</h3>
              <p className="mt-1 max-w-prose">{transcriptionText.allows}</p>
            </div>
            <div>
              <h3 className="text-sm font-semibold">{t('consent.withoutHeading')}</h3>
              <p className="mt-1 max-w-prose">{transcriptionText.without}</p>
            </div>
            <p className="text-xs text-muted">
              {t('consent.textVersion', { version: transcriptionConsentText.version })}
            </p>
            <p className="text-sm text-muted">{tTranscription('changeHint')}</p>
            <RecordingConsentForm
              kind="transcription"
              bookingId={booking.id}
              granted={session.transcriptionConsent}
              textVersion={transcriptionConsentText.version}
              locale={locale}
              labelledBy="transcription-consent-title"
            />
          </Card>
        )}

        {video && role === 'coach' && (
          <Card aria-labelledby="recording-title" data-testid="recording-panel" className="space-y-3">
            <h2 id="recording-title" className="text-lg font-semibold">
              {t('recording.title')}
            </h2>
            {session.processingRestricted && !session.recording ? (
              <p data-testid="recording-restricted">{tData('recordingCoach')}</p>
            ) : !session.recordingConsent && !session.recording ? (
              <p data-testid="recording-no-consent">{t('recording.noConsent')}</p>
            ) : (
              <>
                {session.recordingConsent && <p>{t('recording.consented')}</p>}
                {!session.configured ? null : window.state === 'open' ? (
                  <RecordingControls bookingId={booking.id} recording={session.recording} />
                ) : (
                  <p className="text-sm text-muted">{t('recording.onlyDuringSession')}</p>
                )}
              </>
            )}
          </Card>
        )}
      </div>
    </AppShell>
  )
}
