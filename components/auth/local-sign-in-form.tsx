'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/input'
import { signInAction } from '@/lib/auth/actions'
import { failed, idle } from '@/lib/http/action-state'

type Props = { demo?: { email: string; password: string; label: string } }

/**
 * The local (keyless) sign-in; with `demo` it is a one-click button for a seeded account. `?next=` is read by the
 * action from the page's address, which the form posts to (lib/auth/current-path.ts).
 */
export function LocalSignInForm({ demo }: Props) {
  const t = useTranslations('signIn')
  const [state, action, pending] = useActionState(signInAction, idle)
  // Wrong credentials and too many attempts come worded (their codes); anything else is "not possible now".
  const error = state.status === 'error' ? (state.code ? state.message : t('error')) : undefined

  if (demo) {
    return (
      <form action={action} className="mt-2">
        <input type="hidden" name="email" value={demo.email} />
        <input type="hidden" name="password" value={demo.password} />
        <Button type="submit" variant="secondary" disabled={pending} className="w-full">
          {pending ? t('submitting') : demo.label}
        </Button>
        {failed(state) && (
          <Alert tone="error" className="mt-2">
            {error ?? state.message}
          </Alert>
        )}
      </form>
    )
  }

  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="email" label={t('email')} error={err.email}>
        {(c) => (
          <Input
            {...c}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state.values?.email ?? ''}
          />
        )}
      </Field>
      <Field id="password" label={t('password')} error={err.password}>
        {(c) => <Input {...c} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t('submitting') : t('submit')}
      </Button>
    </form>
  )
}
