'use client'

import { useTranslations } from 'next-intl'
import { useActionState, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { deleteEntryAction, setSharingAction } from '@/lib/journal/actions'

/** One click to share, one click to take it back (R2.2). */
export function ShareToggle({ entryId, shared }: { entryId: string; shared: boolean }) {
  const t = useTranslations('journal.entry')
  const [state, action, pending] = useActionState(setSharingAction, idle)
  return (
    <form action={action}>
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="share" value={shared ? '0' : '1'} />
      <Button type="submit" variant={shared ? 'secondary' : 'primary'} disabled={pending}>
        {pending ? t('sharingWorking') : shared ? t('unshare') : t('share')}
      </Button>
      {failed(state) && (
        <Alert tone="error" className="mt-2">
          {state.message}
        </Alert>
      )}
    </form>
  )
}

/** Deleting asks once more: a slip of the finger must not lose a journal entry. */
export function DeleteEntry({ entryId }: { entryId: string }) {
  const t = useTranslations('journal.entry')
  const [confirming, setConfirming] = useState(false)
  const [state, action, pending] = useActionState(deleteEntryAction, idle)
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
        {t('delete')}
      </Button>
    )
  }
  return (
    <form
      action={action}
      className="flex flex-wrap items-center gap-2"
      role="group"
      aria-label={t('confirmDelete')}
    >
      <input type="hidden" name="entryId" value={entryId} />
      <span className="text-sm font-medium">{t('confirmDelete')}</span>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t('deleting') : t('confirmDeleteYes')}
      </Button>
      <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
        {t('confirmDeleteNo')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
