'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { action } from '@/lib/http/action'
import { optionalId, switchField } from '@/lib/http/form'
import { entryIdSchema, entryInputSchema, promptIdSchema, promptInputSchema } from './schemas'
import { createEntry, createPrompt, deleteEntry, deletePrompt, setEntrySharing, updateEntry } from './service'

/** Create (no entryId) or edit an entry. Bad input keeps what was typed. */
export const saveEntryAction = action(
  {
    name: 'journal.saveEntry',
    access: 'client',
    schema: entryInputSchema.extend({ entryId: optionalId(entryIdSchema) }),
    hidden: ['entryId', 'promptId'],
  },
  async ({ input: { entryId, ...entry }, actor, db }) => {
    let id = entryId
    if (id) await updateEntry(db, actor, id, entry)
    else ({ id } = await createEntry(db, actor, entry))
    revalidatePath('/journal')
    redirect(`/journal/${id}?gespeichert=1`)
  },
)

export const deleteEntryAction = action(
  { name: 'journal.deleteEntry', access: 'client', schema: z.object({ entryId: entryIdSchema }) },
  async ({ input, actor, db }) => {
    await deleteEntry(db, actor, input.entryId)
    revalidatePath('/journal')
    redirect('/journal?geloescht=1')
  },
)

export const setSharingAction = action(
  {
    name: 'journal.setSharing',
    access: 'client',
    schema: z.object({ entryId: entryIdSchema, share: switchField }),
  },
  async ({ input: { entryId, share }, actor, db, meta }) => {
    await setEntrySharing(db, actor, entryId, share, meta)
    revalidatePath('/journal')
    redirect(`/journal/${entryId}?${share ? 'geteilt' : 'privat'}=1`)
  },
)

/** A writing prompt for one client; `ok` clears the form for the next one. */
export const createPromptAction = action(
  { name: 'journal.createPrompt', access: 'coach', schema: promptInputSchema, hidden: ['clientId'] },
  async ({ input, actor, db }) => {
    await createPrompt(db, actor, input)
    revalidatePath(`/coach/clients/${input.clientId}`)
  },
)

export const deletePromptAction = action(
  { name: 'journal.deletePrompt', access: 'coach', schema: z.object({ promptId: promptIdSchema }) },
  async ({ input, actor, db }) => {
    await deletePrompt(db, actor, input.promptId)
    revalidatePath('/coach/clients')
  },
)
