'use client'

import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Textarea } from '@/components/ui/input'
import { failed, idle } from '@/lib/http/action-state'
import { createPromptAction, deletePromptAction } from '@/lib/journal/actions'

export function PromptForm({ clientId }: { clientId: string }) {
  const t = useTranslations('journal.coach')
  const [state, action, pending] = useActionState(createPromptAction, idle)
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="clientId" value={clientId} />
      {state.status === 'ok' && <Alert tone="success">{t('promptCreated')}</Alert>}
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      <Field id="prompt-text" label={t('promptText')} error={state.fieldErrors?.text}>
        {(c) => (
          <Textarea
            {...c}
            name="text"
            defaultValue={state.values?.text ?? ''}
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
  const [state, action, pending] = useActionState(deletePromptAction, idle)
  return (
    <form action={action}>
      <input type="hidden" name="promptId" value={promptId} />
      <Button type="submit" variant="ghost" disabled={pending}>
        {t('promptDelete')}
      </Button>
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
    </form>
  )
}
