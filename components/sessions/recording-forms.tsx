'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import {
  recordingAction,
  recordingConsentAction,
  transcriptionConsentAction,
} from '@/lib/sessions/video-actions'

/**
 * The client's yes / no to recording this session (R5.3, R9.3). Plain forms posting to a server action, so
 * they work without JavaScript; each posts the version and language of the text shown as proof.
 */
export function RecordingConsentForm({
  bookingId,
  granted,
  textVersion,
  locale,
  labelledBy,
  kind = 'recording',
}: {
  bookingId: string
  granted: boolean
  textVersion: string
  locale: 'de' | 'en'
  labelledBy: string
  /** Recording the video session, or Gladia transcribing the session's audio (asked separately). */
  kind?: 'recording' | 'transcription'
}) {
  const t = useTranslations(kind === 'recording' ? 'video.consent' : 'video.transcription')
  const [state, action, pending] = useActionState(
    kind === 'recording' ? recordingConsentAction : transcriptionConsentAction,
    idle,
  )
  const answer = (value: boolean) => (
    <form action={action}>
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="granted" value={String(value)} />
      <input type="hidden" name="textVersion" value={textVersion} />
      <input type="hidden" name="locale" value={locale} />
      <Button
        type="submit"
        variant={value === granted ? 'primary' : 'secondary'}
        aria-pressed={value === granted}
        disabled={pending}
      >
        {value ? t('allow') : t('deny')}
      </Button>
    </form>
  )
  return (
    <div className="space-y-3">
      <div role="group" aria-labelledby={labelledBy} className="flex flex-wrap gap-3">
        {answer(true)}
        {answer(false)}
      </div>
      {pending && <p className="text-sm text-muted">{t('saving')}</p>}
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      {state.data && <Alert tone="success">{t(`result.${state.data}`)}</Alert>}
    </div>
  )
}

/** The coach's start / stop button; rendered only when the client consented (the server checks again). */
export function RecordingControls({ bookingId, recording }: { bookingId: string; recording: boolean }) {
  const t = useTranslations('video.recording')
  const [state, action, pending] = useActionState(recordingAction, idle)
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="intent" value={recording ? 'stop' : 'start'} />
      <Button type="submit" variant={recording ? 'danger' : 'primary'} disabled={pending}>
        {pending ? t('working') : recording ? t('stop') : t('start')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      {state.status === 'ok' && <Alert tone="success">{recording ? t('started') : t('stopped')}</Alert>}
    </form>
  )
}
