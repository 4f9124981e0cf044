'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { moveSessionIntoPastAction } from '@/lib/sessions/actions'

/** Local mode only (the page shows it then): move this upcoming session into the past to try the upload. */
export function MoveIntoPastForm({ bookingId }: { bookingId: string }) {
  const t = useTranslations('sessions.upload')
  const [state, action, pending] = useActionState(moveSessionIntoPastAction, idle)
  return (
    <form action={action} className="space-y-2 rounded-md border border-dashed border-red-800 p-3">
      <input type="hidden" name="bookingId" value={bookingId} />
      <p className="text-sm">{t('localMoveExplain')}</p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('localMove')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
