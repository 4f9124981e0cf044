'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Textarea } from '@/components/ui/input'
import {
  createPromptAction,
  deletePromptAction,
  type PromptFormState,
  type SimpleState,
} from '@/lib/journal/actions'

export function PromptForm({ clientId }: { clientId: string }) {
  const t = useTranslations('journal.coach')
  const [state, action, pending] = useActionState<PromptFormState, FormData>(createPromptAction, {
    status: 'idle',
  })
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="clientId" value={clientId} />
      {state.created && <Alert tone="success">{t('promptCreated')}</Alert>}
      {state.message && <Alert tone="error">{state.message}</Alert>}
      <Field id="prompt-text" label={t('promptText')} error={state.fieldError}>
        {(c) => (
          <Textarea
            key={state.created ?? 'form'}
            {...c}
            name="text"
            defaultValue={state.text ?? ''}
            rows={3}
            className="min-h-24"
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t('promptSending') : t('promptSubmit')}
      </Button>
    </form>
  )
}

export function DeletePrompt({ promptId }: { promptId: string }) {
  const t = useTranslations('journal.coach')
  const [state, action, pending] = useActionState<SimpleState, FormData>(deletePromptAction, {
    status: 'idle',
  })
  return (
    <form action={action}>
      <input type="hidden" name="promptId" value={promptId} />
      <Button type="submit" variant="ghost" disabled={pending}>
        {t('promptDelete')}
      </Button>
      {state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
