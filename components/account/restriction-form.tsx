'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { setRestrictionAction } from '@/lib/account/data-actions'
import { idle } from '@/lib/http/action-state'

const tones = {
  restricted: 'success',
  unrestricted: 'success',
  unchanged: 'info',
  invalid: 'error',
  error: 'error',
} as const

/** One button switches the restriction (R10.3) on or off; a plain form, so it also works without JavaScript. */
export function RestrictionForm({ restricted }: { restricted: boolean }) {
  const t = useTranslations('data.restriction')
  const [state, action, pending] = useActionState(setRestrictionAction, idle)
  const result = state.status === 'ok' ? state.data : state.status === 'idle' ? undefined : state.status
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="restricted" value={restricted ? 'false' : 'true'} />
      <Button type="submit" variant={restricted ? 'secondary' : 'primary'} disabled={pending}>
        {pending ? t('saving') : restricted ? t('disable') : t('enable')}
      </Button>
      {result && <Alert tone={tones[result]}>{t(`result.${result}`)}</Alert>}
    </form>
  )
}
