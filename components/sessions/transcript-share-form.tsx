'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { setTranscriptSharedAction } from '@/lib/sessions/actions'

/** Share the transcript with the client, or stop sharing; says what the current state means. */
export function TranscriptShareForm({ bookingId, shared }: { bookingId: string; shared: boolean }) {
  const t = useTranslations('sessions.share')
  const [state, action, pending] = useActionState(setTranscriptSharedAction, idle)
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="shared" value={shared ? '0' : '1'} />
      <p className="text-sm">{t('explanation')}</p>
      <p className="text-sm font-medium">{shared ? t('isShared') : t('isNotShared')}</p>
      <Button type="submit" variant={shared ? 'secondary' : 'primary'} disabled={pending}>
        {pending ? t('saving') : shared ? t('unshare') : t('share')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
