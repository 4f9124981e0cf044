'use client'

import { useTranslations } from 'next-intl'
import { type FormEvent, useActionState, useState, useTransition } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/input'
import { failed, idle } from '@/lib/http/action-state'
import {
  prepareAudioUploadAction,
  registerAudioUploadAction,
  uploadSessionFileAction,
} from '@/lib/sessions/actions'
import { MAX_TRANSCRIPT_BYTES } from '@/lib/sessions/transcript-parse'
import { MAX_AUDIO_BYTES, UPLOAD_ACCEPT } from '@/lib/sessions/upload-file'

const looksLikeAudio = (file: File) =>
  file.type.startsWith('audio/') || /\.(webm|ogg|oga|opus|mp3|m4a|wav)$/i.test(file.name)

/**
 * Upload of a transcript (text, WebVTT, SRT) or audio for one session. An obviously too large file is refused
 * here already, so it is not sent at all; the server checks type, size and content again. Audio goes straight
 * to storage (lib/sessions/audio-upload.ts): a signed upload URL first, the file PUT there, then registered —
 * so it never meets a body limit on the way.
 */
export function TranscriptUploadForm({
  bookingId,
  hasTranscript,
}: {
  bookingId: string
  hasTranscript: boolean
}) {
  const t = useTranslations('sessions.upload')
  const [state, action, pending] = useActionState(uploadSessionFileAction, idle)
  const [tooBig, setTooBig] = useState<string | null>(null)
  const [audioError, setAudioError] = useState<string | null>(null)
  const [audioSaved, setAudioSaved] = useState(false)
  const [uploading, startUpload] = useTransition()

  async function uploadAudio(file: File) {
    const announce = new FormData()
    announce.set('bookingId', bookingId)
    announce.set('name', file.name)
    announce.set('type', file.type)
    announce.set('size', String(file.size))
    const grant = await prepareAudioUploadAction(idle, announce)
    if (grant.status !== 'ok' || !grant.data) return setAudioError(grant.message ?? t('failed'))
    const put = await fetch(grant.data.url, { method: 'PUT', headers: grant.data.headers, body: file }).catch(
      () => null,
    )
    if (!put?.ok) return setAudioError(t('failed'))
    const register = new FormData()
    register.set('bookingId', bookingId)
    register.set('ticket', grant.data.ticket)
    const done = await registerAudioUploadAction(idle, register)
    if (done.status !== 'ok') return setAudioError(done.message ?? t('failed'))
    setAudioSaved(true)
  }

  function checkSize(event: FormEvent<HTMLFormElement>) {
    setAudioError(null)
    setAudioSaved(false)
    const file = new FormData(event.currentTarget).get('file')
    if (!(file instanceof File)) return
    const audio = looksLikeAudio(file)
    if (file.size > (audio ? MAX_AUDIO_BYTES : MAX_TRANSCRIPT_BYTES)) {
      event.preventDefault()
      setTooBig(audio ? t('tooBigAudio') : t('tooBigText'))
      return
    }
    setTooBig(null)
    if (audio) {
      event.preventDefault()
      startUpload(() => uploadAudio(file))
    }
  }

  const busy = pending || uploading
  const error = tooBig ?? audioError ?? (failed(state) ? state.message : undefined)
  return (
    <form action={action} onSubmit={checkSize} className="space-y-4">
      <input type="hidden" name="bookingId" value={bookingId} />
      <p className="text-sm">{t('explanation')}</p>
      {hasTranscript && <p className="text-sm font-medium">{t('replaces')}</p>}
      <Field id="session-file" label={t('file')} error={error}>
        {(control) => <Input {...control} type="file" name="file" accept={UPLOAD_ACCEPT} required />}
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? t('pending') : t('submit')}
      </Button>
      <div aria-live="polite">
        {audioSaved && <Alert tone="success">{t('recordingSaved')}</Alert>}
        {!audioSaved && state.data && (
          <Alert tone="success">
            {state.data.kind === 'transcript'
              ? t('transcriptSaved', { count: state.data.segmentCount })
              : t('recordingSaved')}
          </Alert>
        )}
      </div>
    </form>
  )
}
