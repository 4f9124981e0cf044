'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/input'
import { updateProfileAction } from '@/lib/account/actions'
import { idle } from '@/lib/http/action-state'

type Props = {
  profile: { name: string; email: string; phone: string; locale: 'de' | 'en'; timeZone: string }
  timeZones: string[]
}

export function ProfileForm({ profile, timeZones }: Props) {
  const t = useTranslations()
  const [state, action, pending] = useActionState(updateProfileAction, idle)
  // After bad input the form keeps what was typed, so nothing is lost.
  const v = { ...profile, ...state.values }
  const err = state.fieldErrors ?? {}

  return (
    <form action={action} className="space-y-5" noValidate>
      {state.data === 'saved' && <Alert tone="success">{t('profile.saved')}</Alert>}
      {state.data === 'unchanged' && <Alert>{t('profile.unchanged')}</Alert>}
      {state.status === 'invalid' && <Alert tone="error">{t('profile.fixErrors')}</Alert>}
      {state.status === 'error' && (
        <Alert tone="error">{state.code ? state.message : t('profile.failed')}</Alert>
      )}

      <Field id="name" label={t('profile.name')} error={err.name}>
        {(c) => <Input {...c} name="name" defaultValue={v.name} autoComplete="name" required />}
      </Field>
      <Field id="email" label={t('profile.email')} hint={t('profile.emailHint')}>
        {(c) => <Input {...c} value={profile.email} readOnly className="bg-slate-100" />}
      </Field>
      <Field id="phone" label={t('profile.phone')} hint={t('profile.phoneHint')} error={err.phone}>
        {(c) => <Input {...c} name="phone" type="tel" defaultValue={v.phone} autoComplete="tel" />}
      </Field>
      <Field id="locale" label={t('profile.locale')} error={err.locale}>
        {(c) => (
          <Select {...c} name="locale" defaultValue={v.locale}>
            <option value="de">{t('common.languageDe')}</option>
            <option value="en">{t('common.languageEn')}</option>
          </Select>
        )}
      </Field>
      <Field
        id="timeZone"
        label={t('profile.timeZone')}
        hint={t('profile.timeZoneHint')}
        error={err.timeZone}
      >
        {(c) => (
          <Select {...c} name="timeZone" defaultValue={v.timeZone}>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll('_', ' ')}
              </option>
            ))}
          </Select>
        )}
      </Field>

      <Button type="submit" disabled={pending}>
        {pending ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  )
}
