'use client'

import { useTranslations } from 'next-intl'
import { type FormEvent, useActionState, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/input'
import { failed, idle } from '@/lib/http/action-state'
import { uploadSessionFileAction } from '@/lib/sessions/actions'
import { MAX_TRANSCRIPT_BYTES } from '@/lib/sessions/transcript-parse'
import { MAX_AUDIO_BYTES, UPLOAD_ACCEPT } from '@/lib/sessions/upload-file'

const looksLikeAudio = (file: File) =>
  file.type.startsWith('audio/') || /\.(webm|ogg|oga|opus|mp3|m4a|wav)$/i.test(file.name)

/**
 * Upload of a transcript (text, WebVTT, SRT) or audio for one session. An obviously too large file is refused
 * here already, so it is not sent at all; the server checks type, size and content again.
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

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get('file')
    if (!(file instanceof File)) return
    const audio = looksLikeAudio(file)
    if (file.size > (audio ? MAX_AUDIO_BYTES : MAX_TRANSCRIPT_BYTES)) {
      event.preventDefault()
      setTooBig(audio ? t('tooBigAudio') : t('tooBigText'))
    } else setTooBig(null)
  }

  const error = tooBig ?? (failed(state) ? state.message : undefined)
  return (
    <form action={action} onSubmit={checkSize} className="space-y-4">
      <input type="hidden" name="bookingId" value={bookingId} />
      <p className="text-sm">{t('explanation')}</p>
      {hasTranscript && <p className="text-sm font-medium">{t('replaces')}</p>}
      <Field id="session-file" label={t('file')} error={error}>
        {(control) => <Input {...control} type="file" name="file" accept={UPLOAD_ACCEPT} required />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t('pending') : t('submit')}
      </Button>
      <div aria-live="polite">
        {state.data && (
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
