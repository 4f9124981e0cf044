'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/input'
import { type SignInState, signInAction } from '@/lib/auth/actions'

type Props = { next: string; demo?: { email: string; password: string; label: string } }

/** The local (keyless) sign-in; with `demo` it is a one-click button for a seeded account. */
export function LocalSignInForm({ next, demo }: Props) {
  const t = useTranslations('signIn')
  const errorText = (s: SignInState) =>
    s.error === 'invalidCredentials'
      ? t('invalidCredentials')
      : s.error === 'rateLimited'
        ? t('rateLimited', { minutes: s.retryAfterMinutes ?? 15 })
        : t('error')
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { email: '' })

  if (demo) {
    return (
      <form action={action} className="mt-2">
        <input type="hidden" name="email" value={demo.email} />
        <input type="hidden" name="password" value={demo.password} />
        <input type="hidden" name="next" value={next} />
        <Button type="submit" variant="secondary" disabled={pending} className="w-full">
          {pending ? t('submitting') : demo.label}
        </Button>
        {state.error && (
          <Alert tone="error" className="mt-2">
            {errorText(state)}
          </Alert>
        )}
      </form>
    )
  }

  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.error && <Alert tone="error">{errorText(state)}</Alert>}
      <input type="hidden" name="next" value={next} />
      <Field id="email" label={t('email')} error={err.email}>
        {(c) => (
          <Input
            key={state.email}
            {...c}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state.email}
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
