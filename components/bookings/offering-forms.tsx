'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { ActiveToggle } from '@/components/ui/active-toggle'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/input'
import {
  addExceptionAction,
  deleteExceptionAction,
  saveSessionTypeAction,
  saveSettingsAction,
  saveWeekAction,
  toggleSessionTypeAction,
} from '@/lib/bookings/offering-actions'
import { type ActionState, failed, idle } from '@/lib/http/action-state'

function StatusAlert({ state, savedText }: { state: ActionState; savedText?: string }) {
  const t = useTranslations('schedule')
  if (state.status === 'ok') return <Alert tone="success">{savedText ?? t('saved')}</Alert>
  if (state.status === 'invalid') return <Alert tone="error">{t('fixErrors')}</Alert>
  if (state.status === 'error') return <Alert tone="error">{state.message}</Alert>
  return null
}

type SessionTypeValues = { name: string; durationMinutes: string; price: string; mode: string }

/** Create (no id) or edit a session type; after bad input the typed values stay. */
export function SessionTypeForm({ id, initial }: { id?: string; initial: SessionTypeValues }) {
  const t = useTranslations('schedule.sessionTypes')
  const [state, action, pending] = useActionState(saveSessionTypeAction, idle)
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} savedText={id ? undefined : t('created')} />
      {id && <input type="hidden" name="id" value={id} />}
      <Field id={`${id ?? 'new'}-name`} label={t('name')} error={err.name}>
        {(c) => <Input {...c} name="name" defaultValue={v.name} placeholder={t('namePlaceholder')} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`${id ?? 'new'}-duration`} label={t('duration')} error={err.durationMinutes}>
          {(c) => (
            <Input
              {...c}
              name="durationMinutes"
              type="number"
              min={15}
              max={480}
              step={5}
              defaultValue={v.durationMinutes}
            />
          )}
        </Field>
        <Field id={`${id ?? 'new'}-price`} label={t('price')} hint={t('priceHint')} error={err.price}>
          {(c) => <Input {...c} name="price" inputMode="decimal" defaultValue={v.price} />}
        </Field>
        <Field id={`${id ?? 'new'}-mode`} label={t('mode')} error={err.mode}>
          {(c) => (
            <Select {...c} name="mode" defaultValue={v.mode}>
              <option value="video">{t('modeVideo')}</option>
              <option value="in_person">{t('modeInPerson')}</option>
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('saving') : id ? t('save') : t('create')}
      </Button>
    </form>
  )
}

export function ToggleSessionType({ id, active, name }: { id: string; active: boolean; name: string }) {
  const t = useTranslations('schedule.sessionTypes')
  return (
    <ActiveToggle
      id={id}
      active={active}
      name={name}
      action={toggleSessionTypeAction}
      labels={{ activate: t('activate'), deactivate: t('deactivate') }}
    />
  )
}

export function WeekForm({ initial }: { initial: Record<string, string> }) {
  const t = useTranslations('schedule.availability')
  const [state, action, pending] = useActionState(saveWeekAction, idle)
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} />
      <p className="text-sm text-muted">{t('weekHint')}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <Field key={d} id={`day${d}`} label={t(`weekdays.${d}`)} error={err[`day${d}`]}>
            {(c) => <Input {...c} name={`day${d}`} defaultValue={v[`day${d}`]} placeholder="08:00–12:00" />}
          </Field>
        ))}
      </div>
      <Button type="submit" disabled={pending}>
        {t('saveWeek')}
      </Button>
    </form>
  )
}

export function SettingsForm({ initial }: { initial: Record<string, string> }) {
  const t = useTranslations('schedule.availability')
  const [state, action, pending] = useActionState(saveSettingsAction, idle)
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}
  const number = (name: string, label: string, hint?: string) => (
    <Field id={name} label={label} hint={hint} error={err[name]}>
      {(c) => <Input {...c} name={name} type="number" min={0} defaultValue={v[name]} />}
    </Field>
  )
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        {number('bufferBeforeMinutes', t('bufferBefore'))}
        {number('bufferAfterMinutes', t('bufferAfter'))}
        {number('minNoticeHours', t('minNotice'), t('minNoticeHint'))}
        {number('horizonDays', t('horizon'))}
        <Field id="slotStepMinutes" label={t('step')} error={err.slotStepMinutes}>
          {(c) => (
            <Select {...c} name="slotStepMinutes" defaultValue={v.slotStepMinutes}>
              {['15', '30', '45', '60'].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {number('cancelCutoffHours', t('cutoff'))}
      </div>
      <Button type="submit" disabled={pending}>
        {t('saveRules')}
      </Button>
    </form>
  )
}

export function ExceptionForm() {
  const t = useTranslations('schedule.availability')
  const [state, action, pending] = useActionState(addExceptionAction, idle)
  const v = { date: '', kind: 'off', from: '', until: '', ...state.values }
  const err = state.fieldErrors ?? {}
  return (
    <form action={action} className="space-y-4" noValidate>
      <StatusAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id="exception-date" label={t('date')} error={err.date}>
          {(c) => <Input {...c} name="date" type="date" defaultValue={v.date} />}
        </Field>
        <Field id="exception-kind" label={t('kind')} error={err.kind}>
          {(c) => (
            <Select {...c} name="kind" defaultValue={v.kind}>
              <option value="off">{t('kindOff')}</option>
              <option value="extra">{t('kindExtra')}</option>
            </Select>
          )}
        </Field>
        <Field id="exception-from" label={t('from')} error={err.from}>
          {(c) => <Input {...c} name="from" type="time" defaultValue={v.from} />}
        </Field>
        <Field id="exception-until" label={t('until')} error={err.until}>
          {(c) => <Input {...c} name="until" type="time" defaultValue={v.until} />}
        </Field>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('addException')}
      </Button>
    </form>
  )
}

export function DeleteException({ id, label }: { id: string; label: string }) {
  const t = useTranslations('schedule.availability')
  const [state, action, pending] = useActionState(deleteExceptionAction, idle)
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        variant="ghost"
        disabled={pending}
        aria-label={`${t('deleteException')}: ${label}`}
      >
        {t('deleteException')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
