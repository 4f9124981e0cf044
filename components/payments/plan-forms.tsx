'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { ActiveToggle } from '@/components/ui/active-toggle'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input, Select } from '@/components/ui/input'
import { idle } from '@/lib/http/action-state'
import { savePlanAction, togglePlanAction } from '@/lib/payments/plan-actions'

type PlanValues = { name: string; sessionTypeId: string; sessionsPerMonth: string; price: string }

/** The session types a plan can grant; paused ones stay choosable and say so. */
export type PlanSessionTypeOption = { id: string; name: string; durationMinutes: number; active: boolean }

/** Create (no id) or edit a plan; after bad input the typed values stay. */
export function PlanForm({
  id,
  initial,
  sessionTypes,
}: {
  id?: string
  initial: PlanValues
  sessionTypes: PlanSessionTypeOption[]
}) {
  const t = useTranslations('plans')
  const [state, action, pending] = useActionState(savePlanAction, idle)
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}
  const prefix = id ?? 'new-plan'
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.status === 'ok' && <Alert tone="success">{id ? t('saved') : t('created')}</Alert>}
      {state.status === 'invalid' && <Alert tone="error">{t('fixErrors')}</Alert>}
      {state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
      {id && <input type="hidden" name="id" value={id} />}
      <Field id={`${prefix}-name`} label={t('name')} error={err.name}>
        {(c) => (
          <Input {...c} name="name" maxLength={80} defaultValue={v.name} placeholder={t('namePlaceholder')} />
        )}
      </Field>
      <Field id={`${prefix}-session-type`} label={t('sessionType')} error={err.sessionTypeId}>
        {(c) => (
          <Select {...c} name="sessionTypeId" defaultValue={v.sessionTypeId}>
            {sessionTypes.map((s) => (
              <option key={s.id} value={s.id}>
                {t(s.active ? 'sessionTypeOption' : 'sessionTypeOptionPaused', {
                  name: s.name,
                  minutes: s.durationMinutes,
                })}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={`${prefix}-sessions`}
          label={t('sessionsPerMonth')}
          hint={t('sessionsPerMonthHint')}
          error={err.sessionsPerMonth}
        >
          {(c) => (
            <Input
              {...c}
              name="sessionsPerMonth"
              type="number"
              min={1}
              max={31}
              step={1}
              defaultValue={v.sessionsPerMonth}
            />
          )}
        </Field>
        <Field id={`${prefix}-price`} label={t('price')} hint={t('priceHint')} error={err.price}>
          {(c) => <Input {...c} name="price" inputMode="decimal" defaultValue={v.price} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('saving') : id ? t('save') : t('create')}
      </Button>
    </form>
  )
}

/** Pause (no new subscriptions) or activate a plan. */
export function TogglePlan({ id, active, name }: { id: string; active: boolean; name: string }) {
  const t = useTranslations('plans')
  return (
    <ActiveToggle
      id={id}
      active={active}
      name={name}
      action={togglePlanAction}
      labels={{ activate: t('activate'), deactivate: t('deactivate') }}
    />
  )
}
