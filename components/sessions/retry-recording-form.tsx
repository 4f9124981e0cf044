'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { retryRecordingAction } from '@/lib/sessions/actions'

/** "Erneut versuchen" under a failed recording step. */
export function RetryRecordingForm({ bookingId, recordingId }: { bookingId: string; recordingId: string }) {
  const t = useTranslations('sessions.detail')
  const [state, action, pending] = useActionState(retryRecordingAction, idle)
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="recordingId" value={recordingId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t('retrying') : t('retry')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
