'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Input, Label } from '@/components/ui/input'
import { createTestAccountAction } from '@/lib/account/dev-actions'
import { idle } from '@/lib/http/action-state'

/** Local mode: create a throwaway client account and show its credentials. */
export function TestAccountForm() {
  const t = useTranslations('data.devAccounts')
  const [state, action, pending] = useActionState(createTestAccountAction, idle)
  return (
    <form action={action} className="space-y-3">
      <div className="max-w-sm space-y-1">
        <Label htmlFor="test-account-name">{t('name')}</Label>
        <Input id="test-account-name" name="name" maxLength={120} autoComplete="off" />
      </div>
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
      {state.data && (
        <Alert tone="success" data-testid="test-account">
          {t('created', { email: state.data.email, password: state.data.password })}
        </Alert>
      )}
      {(state.status === 'error' || state.status === 'invalid') && <Alert tone="error">{t('error')}</Alert>}
    </form>
  )
}
