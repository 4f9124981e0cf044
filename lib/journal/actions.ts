'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { KeyShreddedError } from '@/lib/crypto'
import { NotFoundError } from '@/lib/errors'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import { entryIdSchema, entryInputSchema, promptInputSchema } from './schemas'
import { createEntry, createPrompt, deleteEntry, deletePrompt, setEntrySharing, updateEntry } from './service'
import { formText } from '@/lib/http/form'

type Field = 'kind' | 'title' | 'body' | 'mood' | 'tags' | 'promptId'

export type EntryFormState = {
  status: 'idle' | 'invalid' | 'error'
  message?: string
  values?: Partial<Record<Field, string>>
  fieldErrors?: Partial<Record<Field, string>>
}

/** A clear sentence for the person; details stay out of the response and the logs (R13.1). */
function messageFor(error: unknown): string {
  if (error instanceof NotFoundError || error instanceof KeyShreddedError) return error.message
  log.error('journal.action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return 'Das hat nicht geklappt. Bitte versuche es noch einmal.'
}

/** Create (no entryId) or edit an entry: zod → client → service. Bad input keeps what was typed. */
export async function saveEntryAction(_prev: EntryFormState, form: FormData): Promise<EntryFormState> {
  const values = Object.fromEntries(
    (['kind', 'title', 'body', 'mood', 'tags', 'promptId'] as const).map((k) => [k, formText(form, k)]),
  ) as Record<Field, string>
  const parsed = entryInputSchema.safeParse(values)
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors
    const fieldErrors = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v?.[0]]))
    return { status: 'invalid', values, fieldErrors }
  }
  const actor = await requireRole('client')
  const rawId = formText(form, 'entryId')
  let id: string
  try {
    if (rawId) {
      const entryId = entryIdSchema.safeParse(rawId)
      if (!entryId.success) throw new NotFoundError('Dieser Eintrag wurde nicht gefunden.')
      await updateEntry(getDb(), actor, entryId.data, parsed.data)
      id = entryId.data
    } else {
      ;({ id } = await createEntry(getDb(), actor, parsed.data))
    }
  } catch (error) {
    return { status: 'error', values, message: messageFor(error) }
  }
  revalidatePath('/journal')
  redirect(`/journal/${id}?gespeichert=1`)
}

export type SimpleState = { status: 'idle' | 'error'; message?: string }

export async function deleteEntryAction(_prev: SimpleState, form: FormData): Promise<SimpleState> {
  const actor = await requireRole('client')
  const entryId = entryIdSchema.safeParse(formText(form, 'entryId'))
  try {
    if (!entryId.success) throw new NotFoundError('Dieser Eintrag wurde nicht gefunden.')
    await deleteEntry(getDb(), actor, entryId.data)
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  revalidatePath('/journal')
  redirect('/journal?geloescht=1')
}

export async function setSharingAction(_prev: SimpleState, form: FormData): Promise<SimpleState> {
  const actor = await requireRole('client')
  const entryId = entryIdSchema.safeParse(formText(form, 'entryId'))
  const share = formText(form, 'share') === '1'
  try {
    if (!entryId.success) throw new NotFoundError('Dieser Eintrag wurde nicht gefunden.')
    await setEntrySharing(getDb(), actor, entryId.data, share, await getRequestMeta())
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  revalidatePath('/journal')
  redirect(`/journal/${entryId.data}?${share ? 'geteilt' : 'privat'}=1`)
}

export type PromptFormState = SimpleState & { text?: string; fieldError?: string; created?: number }

export async function createPromptAction(_prev: PromptFormState, form: FormData): Promise<PromptFormState> {
  const actor = await requireRole('coach')
  const parsed = promptInputSchema.safeParse({
    clientId: formText(form, 'clientId'),
    text: formText(form, 'text'),
  })
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors
    return { status: 'error', text: formText(form, 'text'), fieldError: f.text?.[0] ?? f.clientId?.[0] }
  }
  try {
    await createPrompt(getDb(), actor, parsed.data)
  } catch (error) {
    return { status: 'error', text: parsed.data.text, message: messageFor(error) }
  }
  revalidatePath(`/coach/clients/${parsed.data.clientId}`)
  return { status: 'idle', text: '', created: Date.now() }
}

export async function deletePromptAction(_prev: SimpleState, form: FormData): Promise<SimpleState> {
  const actor = await requireRole('coach')
  const promptId = z.uuid().safeParse(formText(form, 'promptId'))
  try {
    if (!promptId.success) throw new NotFoundError('Dieser Impuls wurde nicht gefunden.')
    await deletePrompt(getDb(), actor, promptId.data)
  } catch (error) {
    return { status: 'error', message: messageFor(error) }
  }
  revalidatePath('/coach/clients')
  return { status: 'idle' }
}
