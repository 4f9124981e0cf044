'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { FieldError, FieldHint, Input, Label, Select } from '@/components/ui/input'
import { type ProfileFormState, updateProfileAction } from '@/lib/account/actions'

type Props = {
  profile: { name: string; email: string; phone: string; locale: 'de' | 'en'; timeZone: string }
  timeZones: string[]
}

export function ProfileForm({ profile, timeZones }: Props) {
  const t = useTranslations()
  const [state, action, pending] = useActionState<ProfileFormState, FormData>(updateProfileAction, {
    status: 'idle',
  })
  // After bad input the form keeps what was typed, so nothing is lost.
  const v = state.values ?? profile
  const err = state.fieldErrors ?? {}
  const describedBy = (field: string, hint?: boolean) =>
    [hint ? `${field}-hint` : null, err[field as keyof typeof err] ? `${field}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined

  return (
    <form action={action} className="space-y-5" noValidate>
      {state.status === 'saved' && <Alert tone="success">{t('profile.saved')}</Alert>}
      {state.status === 'unchanged' && <Alert>{t('profile.unchanged')}</Alert>}
      {state.status === 'invalid' && <Alert tone="error">{t('profile.fixErrors')}</Alert>}
      {state.status === 'error' && <Alert tone="error">{t('profile.failed')}</Alert>}

      <div>
        <Label htmlFor="name">{t('profile.name')}</Label>
        <Input
          id="name"
          name="name"
          defaultValue={v.name}
          key={`name-${state.status}`}
          autoComplete="name"
          required
          aria-invalid={err.name ? true : undefined}
          aria-describedby={describedBy('name')}
        />
        {err.name && <FieldError id="name-error">{err.name}</FieldError>}
      </div>

      <div>
        <Label htmlFor="email">{t('profile.email')}</Label>
        <Input
          id="email"
          value={profile.email}
          readOnly
          aria-describedby="email-hint"
          className="bg-slate-100"
        />
        <FieldHint id="email-hint">{t('profile.emailHint')}</FieldHint>
      </div>

      <div>
        <Label htmlFor="phone">{t('profile.phone')}</Label>
        <Input
          id="phone"
          name="phone"
          type="tel"
          defaultValue={v.phone}
          key={`phone-${state.status}`}
          autoComplete="tel"
          aria-invalid={err.phone ? true : undefined}
          aria-describedby={describedBy('phone', true)}
        />
        <FieldHint id="phone-hint">{t('profile.phoneHint')}</FieldHint>
        {err.phone && <FieldError id="phone-error">{err.phone}</FieldError>}
      </div>

      <div>
        <Label htmlFor="locale">{t('profile.locale')}</Label>
        <Select id="locale" name="locale" defaultValue={v.locale} key={`locale-${state.status}`}>
          <option value="de">{t('common.languageDe')}</option>
          <option value="en">{t('common.languageEn')}</option>
        </Select>
        {err.locale && <FieldError id="locale-error">{err.locale}</FieldError>}
      </div>

      <div>
        <Label htmlFor="timeZone">{t('profile.timeZone')}</Label>
        <Select
          id="timeZone"
          name="timeZone"
          defaultValue={v.timeZone}
          key={`tz-${state.status}`}
          aria-describedby={describedBy('timeZone', true)}
          aria-invalid={err.timeZone ? true : undefined}
        >
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz.replaceAll('_', ' ')}
            </option>
          ))}
        </Select>
        <FieldHint id="timeZone-hint">{t('profile.timeZoneHint')}</FieldHint>
        {err.timeZone && <FieldError id="timeZone-error">{err.timeZone}</FieldError>}
      </div>

      <Button type="submit" disabled={pending}>
        {pending ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  )
}
