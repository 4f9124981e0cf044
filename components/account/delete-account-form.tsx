'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/input'
import { deleteAccountAction, deleteClientAccountAction } from '@/lib/account/data-actions'
import { idle } from '@/lib/http/action-state'

/**
 * The typed confirmation of R10.2: the word is shown, the person types it; anything else is refused by the
 * server with a clear message and nothing is deleted. Without `clientId` the client deletes their own account
 * (redirect to the confirmation page); with it, the coach deletes that client's account — the same flow, the same
 * word (redirect to the deletion receipts).
 */
export function DeleteAccountForm({ phrase, clientId }: { phrase: string; clientId?: string }) {
  const byCoach = clientId !== undefined
  const t = useTranslations(byCoach ? 'data.coachDeletion' : 'data.deletion')
  const [state, action, pending] = useActionState(
    byCoach ? deleteClientAccountAction : deleteAccountAction,
    idle,
  )
  const id = byCoach ? 'coach-delete-confirmation' : 'delete-confirmation'
  // A wrong word: from the schema or from the service (ConfirmationMismatchError), both at this field.
  const invalid = Boolean(state.fieldErrors?.confirmation)
  return (
    <form action={action} className="space-y-3">
      {byCoach && <input type="hidden" name="clientId" value={clientId} />}
      <div className="max-w-sm space-y-1">
        <Label htmlFor={id}>{t('phraseLabel', { phrase })}</Label>
        <Input
          id={id}
          name="confirmation"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        />
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t('working') : t('submit')}
      </Button>
      {invalid && (
        <Alert tone="error" id={`${id}-error`}>
          {t('mismatch', { phrase })}
        </Alert>
      )}
      {state.status === 'error' && <Alert tone="error">{(byCoach && state.message) || t('error')}</Alert>}
    </form>
  )
}
