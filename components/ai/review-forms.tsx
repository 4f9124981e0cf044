'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Input, Label } from '@/components/ui/input'
import { type AiResult, maskTokenAction, sendReviewedAction, setReviewSettingAction } from '@/lib/ai/actions'
import { type ActionState, idle } from '@/lib/http/action-state'
import { SubmitButton } from './analysis-forms'

/**
 * The review forms (R7.7): plain forms posting to server actions, so masking and sending work without
 * JavaScript; with it, the button says it is working and the answer is announced in a live region.
 */

type Kind = 'transcript' | 'questionnaire'
type State = ActionState<AiResult>

function Result({ state, id }: { state: State; id?: string }) {
  const t = useTranslations('ai')
  let text: string | null = null
  if (state.status === 'ok' && state.data)
    text = state.data.startsWith('failed_')
      ? t(`failure.${state.data.slice('failed_'.length)}`, { consents: '' })
      : t(`result.${state.data}`)
  else if (state.status !== 'idle') text = state.fieldErrors?.token ?? state.message ?? t('result.generic')
  const ok = state.status === 'ok' && !state.data?.startsWith('failed_')
  return (
    <p
      id={id}
      role="status"
      aria-live="polite"
      className={`text-sm font-medium ${ok ? 'text-green-800' : 'text-red-700'}`}
    >
      {text}
    </p>
  )
}

/** One suspect: "Maskieren" replaces it everywhere. */
export function MaskSuspectForm({
  analysisId,
  kind,
  word,
}: {
  analysisId: string
  kind: Kind
  word: string
}) {
  const t = useTranslations('ai.review')
  const [state, action] = useActionState(maskTokenAction, idle)
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="token" value={word} />
      <SubmitButton variant="secondary" pendingText={t('maskPending')} aria-label={t('maskWord', { word })}>
        {t('mask')}
      </SubmitButton>
      <Result state={state} />
    </form>
  )
}

/** Any other word the coach sees in the text. */
export function MaskOtherForm({ analysisId, kind }: { analysisId: string; kind: Kind }) {
  const t = useTranslations('ai.review')
  const [state, action] = useActionState(maskTokenAction, idle)
  const invalid =
    state.status === 'invalid' || (state.status === 'error' && Boolean(state.fieldErrors?.token))
  return (
    <form action={action} className="space-y-2" data-testid="ai-mask-other">
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value={kind} />
      <Label htmlFor="ai-mask-token">{t('maskOther')}</Label>
      <p id="ai-mask-token-hint" className="text-sm text-muted">
        {t('maskOtherHint')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          id="ai-mask-token"
          name="token"
          maxLength={100}
          className="max-w-xs"
          defaultValue={state.status !== 'ok' ? state.values?.token : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby="ai-mask-token-hint ai-mask-token-result"
        />
        <SubmitButton variant="secondary" pendingText={t('maskPending')}>
          {t('mask')}
        </SubmitButton>
      </div>
      <Result state={state} id="ai-mask-token-result" />
    </form>
  )
}

/** "Senden": the only way the reviewed text leaves. */
export function SendReviewedForm({ analysisId, kind }: { analysisId: string; kind: Kind }) {
  const t = useTranslations('ai.review')
  const [state, action] = useActionState(sendReviewedAction, idle)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value={kind} />
      <p id="ai-send-hint" className="text-sm text-muted">
        {t('sendHint')}
      </p>
      <SubmitButton pendingText={t('sendPending')} aria-describedby="ai-send-hint">
        {t('send')}
      </SubmitButton>
      <Result state={state} />
    </form>
  )
}

/** The practice setting: review before sending (on by default). */
export function ReviewSettingForm({ on }: { on: boolean }) {
  const t = useTranslations('ai.settings')
  const [state, action] = useActionState(setReviewSettingAction, idle)
  return (
    <form action={action} className="space-y-2" data-testid="ai-review-setting">
      <input type="hidden" name="review" value={on ? 'off' : 'on'} />
      <p className="text-sm">{on ? t('on') : t('off')}</p>
      <SubmitButton key={on ? 'off' : 'on'} variant="secondary" pendingText={t('pending')}>
        {on ? t('turnOff') : t('turnOn')}
      </SubmitButton>
      <Result state={state} />
    </form>
  )
}
