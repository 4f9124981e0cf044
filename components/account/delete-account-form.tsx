'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/input'
import { deleteAccountAction } from '@/lib/account/data-actions'
import { idle } from '@/lib/http/action-state'

/**
 * The typed confirmation of R10.2: the word is shown, the client types it; anything else is refused by the
 * server with a clear message and nothing is deleted. On success the action redirects to the confirmation page.
 */
export function DeleteAccountForm({ phrase }: { phrase: string }) {
  const t = useTranslations('data.deletion')
  const [state, action, pending] = useActionState(deleteAccountAction, idle)
  // A wrong word: from the schema or from the service (ConfirmationMismatchError), both at this field.
  const invalid = Boolean(state.fieldErrors?.confirmation)
  return (
    <form action={action} className="space-y-3">
      <div className="max-w-sm space-y-1">
        <Label htmlFor="delete-confirmation">{t('phraseLabel', { phrase })}</Label>
        <Input
          id="delete-confirmation"
          name="confirmation"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'delete-confirmation-error' : undefined}
        />
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t('working') : t('submit')}
      </Button>
      {invalid && (
        <Alert tone="error" id="delete-confirmation-error">
          {t('mismatch', { phrase })}
        </Alert>
      )}
      {state.status === 'error' && <Alert tone="error">{t('error')}</Alert>}
    </form>
  )
}
