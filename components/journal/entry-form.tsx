'use client'

import Link from 'next/link'
import { useTranslations } from 'next-intl'
import { useActionState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field, Input, Select, Textarea } from '@/components/ui/input'
import { idle } from '@/lib/http/action-state'
import { saveEntryAction } from '@/lib/journal/actions'
import { entryKinds } from '@/lib/journal/schemas'

export type EntryFormValues = {
  kind: string
  title: string
  body: string
  mood: string
  tags: string
  promptId: string
}

type Props = {
  entryId?: string
  initial: EntryFormValues
  prompt?: { text: string } | null
  cancelHref: string
}

/** Create or edit an entry. After bad input everything typed is still there (nothing lost). */
export function EntryForm({ entryId, initial, prompt, cancelHref }: Props) {
  const t = useTranslations('journal')
  const [state, action, pending] = useActionState(saveEntryAction, idle)
  // After bad input the fields show what was sent back (React resets a form after its action).
  const v = { ...initial, ...state.values }
  const err = state.fieldErrors ?? {}

  return (
    <form action={action} className="space-y-5" noValidate>
      {state.status === 'invalid' && <Alert tone="error">{t('form.fixErrors')}</Alert>}
      {state.status === 'error' && <Alert tone="error">{state.message}</Alert>}
      {entryId && <input type="hidden" name="entryId" value={entryId} />}
      <input type="hidden" name="promptId" value={v.promptId} />
      {prompt && (
        <blockquote className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3">
          <p className="text-sm font-semibold text-brand-800">{t('promptFromCoach')}</p>
          <p className="mt-1 whitespace-pre-wrap">{prompt.text}</p>
        </blockquote>
      )}

      <Field id="kind" label={t('form.kind')} error={err.kind}>
        {(c) => (
          <Select {...c} name="kind" defaultValue={v.kind}>
            {entryKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="title" label={t('form.title')} error={err.title}>
        {(c) => <Input {...c} name="title" defaultValue={v.title} maxLength={200} />}
      </Field>
      <Field id="body" label={t('form.body')} hint={t('form.bodyHint')} error={err.body}>
        {(c) => <Textarea {...c} name="body" defaultValue={v.body} required rows={12} />}
      </Field>

      <fieldset aria-describedby={err.mood ? 'mood-error' : undefined}>
        <legend className="text-sm font-medium">{t('form.mood')}</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {['', '1', '2', '3', '4', '5'].map((m) => (
            <label
              key={m || 'none'}
              className="flex min-h-10 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="mood" value={m} defaultChecked={v.mood === m} />
              {m === '' ? t('form.moodNone') : t(`form.moods.${m}`)}
            </label>
          ))}
        </div>
        {err.mood && (
          <p id="mood-error" className="mt-1 text-sm font-medium text-red-700">
            {err.mood}
          </p>
        )}
      </fieldset>

      <Field id="tags" label={t('form.tags')} hint={t('form.tagsHint')} error={err.tags}>
        {(c) => <Input {...c} name="tags" defaultValue={v.tags} />}
      </Field>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t('form.saving') : t('form.save')}
        </Button>
        <Button asChild variant="ghost">
          <Link href={cancelHref}>{t('form.cancel')}</Link>
        </Button>
      </div>
    </form>
  )
}
