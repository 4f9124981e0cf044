'use client'

import { useTranslations } from 'next-intl'
import { type ReactNode, useActionState } from 'react'
import { useFormStatus } from 'react-dom'
import { Button, type ButtonProps } from '@/components/ui/button'
import { Label, Textarea } from '@/components/ui/input'
import {
  type AiResult,
  approveAnalysisAction,
  requestAnalysisAction,
  setAnalysisSharedAction,
  updateSectionAction,
} from '@/lib/ai/actions'
import type { SectionKey } from '@/lib/ai/output'
import { type ActionState, idle } from '@/lib/http/action-state'

/**
 * The coach's AI forms (R7.4): plain forms posting to server actions, so they work without JavaScript too; with
 * it, the button shows that it is working (useFormStatus) and the result is announced in a live region.
 */

type Kind = 'transcript' | 'questionnaire'
type AiFormState = ActionState<AiResult>
const isFailedRun = (state: AiFormState) => state.data?.startsWith('failed_') ?? false

export function SubmitButton({ children, pendingText, ...props }: ButtonProps & { pendingText: ReactNode }) {
  const { pending } = useFormStatus()
  return (
    <Button type="submit" {...props} disabled={props.disabled || pending}>
      {pending ? pendingText : children}
    </Button>
  )
}

/**
 * The sentence for an action's answer: a result or a failed run in the panel's words; a refusal as the server
 * worded it (its code, e.g. a missing consent); anything else "nothing was changed".
 */
function useResultText() {
  const t = useTranslations('ai')
  return (state: AiFormState): string | null => {
    if (state.status === 'idle') return null
    if (state.status === 'ok' && state.data) {
      const result = state.data
      // A run that failed at the provider: the panel shows the consents itself, none are named here.
      if (result.startsWith('failed_'))
        return t(`failure.${result.slice('failed_'.length)}`, { consents: '' })
      return t(`result.${result}`)
    }
    const valueError = state.fieldErrors?.value
    if (state.status === 'invalid' && valueError) return t('result.fixValue', { error: valueError })
    if (state.status === 'error' && state.code) return state.message ?? t('result.generic')
    return t('result.generic')
  }
}

/** A polite live region that is always there, so screen readers announce the message when it appears. */
function ResultRegion({ state, hideFailures = false }: { state: AiFormState; hideFailures?: boolean }) {
  const text = useResultText()(state)
  // A failed run is shown by the panel itself (with its explanation); don't say it twice.
  const shown = hideFailures && isFailedRun(state) ? null : text
  const tone = state.status === 'ok' && !isFailedRun(state) ? 'text-green-800' : 'text-red-700'
  return (
    <p role="status" aria-live="polite" className={`text-sm font-medium ${tone}`}>
      {shown}
    </p>
  )
}

/** "Zusammenfassung erstellen" / "Erneut versuchen"; disabled with the reason next to it when blocked. */
export function RequestAnalysisForm({
  kind,
  sourceId,
  label,
  disabled = false,
  describedBy,
}: {
  kind: Kind
  sourceId: string
  label: string
  disabled?: boolean
  describedBy?: string
}) {
  const t = useTranslations('ai')
  const [state, action] = useActionState(requestAnalysisAction, idle)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="sourceId" value={sourceId} />
      <SubmitButton pendingText={t('request.pending')} disabled={disabled} aria-describedby={describedBy}>
        {label}
      </SubmitButton>
      <ResultRegion state={state} hideFailures />
    </form>
  )
}

/** One section of the draft with its own save button; list sections take one item per line. */
export function SectionForm({
  analysisId,
  kind,
  section,
  label,
  initial,
  isList,
}: {
  analysisId: string
  kind: Kind
  section: SectionKey
  label: string
  initial: string
  isList: boolean
}) {
  const t = useTranslations('ai')
  const [state, action] = useActionState(updateSectionAction, idle)
  const id = `ai-section-${section}`
  // After bad input the typed text comes back; after a save the page's new value (React resets the form).
  const kept = state.status === 'invalid' || state.status === 'error' ? state.values?.value : undefined
  const invalid = state.status === 'invalid' && Boolean(state.fieldErrors?.value)
  const describedBy = [isList ? `${id}-hint` : null, `${id}-result`].filter(Boolean).join(' ')
  return (
    <form action={action} className="space-y-2" data-testid={`ai-section-${section}`}>
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="section" value={section} />
      <Label htmlFor={id} className="text-base font-semibold">
        {label}
      </Label>
      {isList && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {t('listHint')}
        </p>
      )}
      <Textarea
        id={id}
        name="value"
        defaultValue={kept ?? initial}
        rows={section === 'summary' ? 6 : 4}
        className={section === 'summary' ? 'min-h-36' : 'min-h-24'}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary" pendingText={t('saving')}>
          {t('save')}
          <span className="sr-only"> – {label}</span>
        </SubmitButton>
        <div id={`${id}-result`}>
          <ResultRegion state={state} />
        </div>
      </div>
    </form>
  )
}

export function ApproveForm({ analysisId, kind, hint }: { analysisId: string; kind: Kind; hint: string }) {
  const t = useTranslations('ai')
  const [state, action] = useActionState(approveAnalysisAction, idle)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value={kind} />
      <p className="text-sm text-muted">{hint}</p>
      <SubmitButton pendingText={t('approve.pending')}>{t('approve.button')}</SubmitButton>
      <ResultRegion state={state} />
    </form>
  )
}

/** Share the approved summary with the client or stop sharing (sessions only). */
export function ShareAnalysisForm({ analysisId, shared }: { analysisId: string; shared: boolean }) {
  const t = useTranslations('ai')
  const [state, action] = useActionState(setAnalysisSharedAction, idle)
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="analysisId" value={analysisId} />
      <input type="hidden" name="kind" value="transcript" />
      <input type="hidden" name="shared" value={shared ? '0' : '1'} />
      <p className="text-sm font-medium" data-testid="ai-share-state">
        {shared ? t('share.isShared') : t('share.isNotShared')}
      </p>
      {/* A new element per state: no colour transition between the variants (mid-way it would lack contrast). */}
      <SubmitButton
        key={shared ? 'unshare' : 'share'}
        variant={shared ? 'secondary' : 'primary'}
        pendingText={t('share.pending')}
      >
        {shared ? t('share.unshare') : t('share.share')}
      </SubmitButton>
      <ResultRegion state={state} />
    </form>
  )
}
