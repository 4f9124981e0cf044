'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/input'
import { deleteClientAccountAction } from '@/lib/account/data-actions'
import { idle } from '@/lib/http/action-state'

/**
 * The coach's side of R10.2: the same typed word as the client's own deletion; a wrong word changes nothing.
 * On success the action redirects to the deletion receipts.
 */
export function CoachDeleteClientForm({ clientId, phrase }: { clientId: string; phrase: string }) {
  const t = useTranslations('data.coachDeletion')
  const [state, action, pending] = useActionState(deleteClientAccountAction, idle)
  const invalid = Boolean(state.fieldErrors?.confirmation)
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="clientId" value={clientId} />
      <div className="max-w-sm space-y-1">
        <Label htmlFor="coach-delete-confirmation">{t('phraseLabel', { phrase })}</Label>
        <Input
          id="coach-delete-confirmation"
          name="confirmation"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'coach-delete-confirmation-error' : undefined}
        />
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t('working') : t('submit')}
      </Button>
      {invalid && (
        <Alert tone="error" id="coach-delete-confirmation-error">
          {t('mismatch', { phrase })}
        </Alert>
      )}
      {state.status === 'error' && <Alert tone="error">{state.message ?? t('error')}</Alert>}
    </form>
  )
}
