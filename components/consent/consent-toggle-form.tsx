'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { setConsentAction } from '@/lib/consent/actions'
import type { Purpose } from '@/lib/consent/schemas'
import { type ActionState, idle } from '@/lib/http/action-state'

type Props = { purpose: Purpose; granted: boolean; textVersion: string; locale: 'de' | 'en' }

const tones = {
  granted: 'success',
  withdrawn: 'success',
  unchanged: 'info',
  outdated: 'error',
  invalid: 'error',
  error: 'error',
} as const

/** What happened, in the words of `privacy.result`. */
function resultOf(state: ActionState<'granted' | 'withdrawn' | 'unchanged'>): keyof typeof tones | null {
  if (state.status === 'ok') return state.data ?? null
  if (state.status === 'invalid') return 'invalid'
  if (state.status === 'error') return state.code === 'consent.outdated' ? 'outdated' : 'error'
  return null
}

/**
 * One button: grant when off, withdraw when on (R9.1 — withdrawing is as easy as granting). A plain form
 * posting to a server action, so it also works before or without JavaScript. It posts the version and
 * language of the text the card shows; the server refuses an outdated one.
 */
export function ConsentToggleForm({ purpose, granted, textVersion, locale }: Props) {
  const t = useTranslations('privacy')
  const [state, action, pending] = useActionState(setConsentAction, idle)
  const result = resultOf(state)
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="granted" value={granted ? 'false' : 'true'} />
      <input type="hidden" name="textVersion" value={textVersion} />
      <input type="hidden" name="locale" value={locale} />
      <Button
        type="submit"
        variant={granted ? 'secondary' : 'primary'}
        disabled={pending}
        aria-label={t(granted ? `purposes.${purpose}.withdraw` : `purposes.${purpose}.grant`)}
      >
        {pending ? t('saving') : granted ? t('withdraw') : t('grant')}
      </Button>
      {result && <Alert tone={tones[result]}>{t(`result.${result}`)}</Alert>}
    </form>
  )
}
