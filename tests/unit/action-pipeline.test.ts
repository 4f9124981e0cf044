import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { redirect } from 'next/navigation'
import { createTranslator } from 'next-intl'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { Actor } from '@/lib/auth/types'
import { AuthorizationError } from '@/lib/auth/types'
import { KeyShreddedError } from '@/lib/crypto'
import { AppError, NotFoundError } from '@/lib/errors'
import { action, formAction } from '@/lib/http/action'
import { RateLimitedError } from '@/lib/http/rate-limit'
import { DailyError } from '@/lib/integrations/daily'
import { ConsentMissingError } from '@/lib/ai/service'

// The pipeline's edges: who is asking, the database, the request and the reader's language.
const auth = vi.hoisted(() => ({ actor: null as Actor | null }))
class Denied extends Error {}
vi.mock('@/lib/auth', () => ({
  getActor: async () => auth.actor,
  requireActor: async () => {
    if (!auth.actor) throw new Denied('sign-in')
    return auth.actor
  },
  requireRole: async (role: string) => {
    if (!auth.actor) throw new Denied('sign-in')
    if (auth.actor.role !== role) throw new Denied('forbidden')
    return auth.actor
  },
}))
const fakeDb = vi.hoisted(() => ({ fake: 'db' }))
vi.mock('@/db/client', () => ({ getDb: () => fakeDb }))
vi.mock('@/lib/http/request-meta', () => ({
  getRequestMeta: async () => ({ ip: '203.0.113.7', userAgent: 'vitest' }),
}))
// German, as for a reader whose language is German (the errors and the consent labels).
vi.mock('next-intl/server', () => ({
  getTranslations: async () => {
    const load = (area: string) =>
      JSON.parse(readFileSync(join(process.cwd(), `lib/i18n/messages/de.${area}.json`), 'utf8')) as object
    return createTranslator({ locale: 'de-CH', messages: { ...load('errors'), ...load('privacy') } })
  },
}))

const client: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  role: 'client',
  name: 'Lea',
  email: 'lea@example.test',
  locale: 'de',
  timeZone: 'Europe/Zurich',
}

const form = (values: Record<string, string | Blob>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(values)) f.append(k, v)
  return f
}

const schema = z.object({
  title: z.string().trim().min(1, { error: 'Bitte gib einen Titel ein.' }),
  count: z.coerce.number().int().max(5, { error: 'Höchstens 5.' }),
  id: z.union([z.literal(''), z.uuid({ error: 'Diesen Eintrag gibt es nicht.' })]),
})

let logged: string[]
beforeEach(() => {
  auth.actor = client
  logged = []
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line))
})
afterEach(() => vi.restoreAllMocks())

describe('R14.1 the action pipeline (lib/http/action.ts)', () => {
  it('R14.1 hands the handler the parsed input, the actor, the database and the request meta', async () => {
    const handler = vi.fn(async () => 'done' as const)
    const run = action({ name: 'test.ok', access: 'client', schema }, handler)
    const state = await run({ status: 'idle' }, form({ title: '  Hallo ', count: '3', id: '' }))
    expect(state).toEqual({ status: 'ok', data: 'done' })
    expect(handler).toHaveBeenCalledWith(
      expect.objectContaining({
        input: { title: 'Hallo', count: 3, id: '' },
        actor: client,
        db: fakeDb,
        meta: { ip: '203.0.113.7', userAgent: 'vitest' },
      }),
    )
  })

  it('R14.1 a persona without the role never reaches the handler', async () => {
    const handler = vi.fn(async () => undefined)
    const coachOnly = action({ name: 'test.coach', access: 'coach', schema }, handler)
    await expect(coachOnly({ status: 'idle' }, form({ title: 'x', count: '1', id: '' }))).rejects.toThrow(
      'forbidden',
    )
    auth.actor = null
    const signedIn = action({ name: 'test.any', access: 'signedIn', schema }, handler)
    await expect(signedIn({ status: 'idle' }, form({ title: 'x', count: '1', id: '' }))).rejects.toThrow(
      'sign-in',
    )
    expect(handler).not.toHaveBeenCalled()
    // `public` lets anyone in, with a null actor.
    const open = action({ name: 'test.public', access: 'public', schema }, async ({ actor }) => actor)
    expect(await open({ status: 'idle' }, form({ title: 'x', count: '1', id: '' }))).toEqual({
      status: 'ok',
      data: null,
    })
  })

  it('R14.1 bad input: a message per field, everything typed comes back (files and secrets do not), nothing runs', async () => {
    const handler = vi.fn(async () => undefined)
    const run = action({ name: 'test.invalid', access: 'client', schema, secret: ['count'] }, handler)
    const state = await run(
      { status: 'idle' },
      form({ title: '   ', count: '9', id: new File(['x'], 'x.txt'), extra: 'ignored' }),
    )
    expect(handler).not.toHaveBeenCalled()
    expect(state).toEqual({
      status: 'invalid',
      message: 'Bitte gib einen Titel ein.',
      fieldErrors: { title: 'Bitte gib einen Titel ein.', count: 'Höchstens 5.' },
      values: { title: '   ', id: '' },
    })
  })

  it('R14.1 a bad hidden id is an error with its message, not a field error nobody can see', async () => {
    const run = action({ name: 'test.hidden', access: 'client', schema, hidden: ['id'] }, async () => 1)
    expect(await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: 'nope' }))).toEqual({
      status: 'error',
      message: 'Diesen Eintrag gibt es nicht.',
      values: { title: 'Hallo', count: '1', id: 'nope' },
    })
    // Visible problems come first: the person can fix those.
    const both = await run({ status: 'idle' }, form({ title: '', count: '1', id: 'nope' }))
    expect(both.status).toBe('invalid')
    expect(both.fieldErrors?.title).toBe('Bitte gib einen Titel ein.')
  })

  it.each([
    ['notFound', new NotFoundError(), 'Nicht gefunden — vielleicht wurde es gelöscht.'],
    ['forbidden', new AuthorizationError(), 'Dafür fehlt dir die Berechtigung.'],
    [
      'rateLimited',
      new RateLimitedError(120),
      'Zu viele Versuche. Bitte warte 2 Minuten und versuche es dann noch einmal.',
    ],
    [
      'keyShredded',
      new KeyShreddedError(),
      'Der Datenschlüssel dieser Person existiert nicht mehr (Account gelöscht): ihre Inhalte sind unwiderruflich unlesbar.',
    ],
    [
      'ai.consentMissing',
      new ConsentMissingError(['ai_transcripts', 'ai_external_provider']),
      'Nicht gesendet: Es fehlt die Einwilligung: KI-Auswertung von Transkripten, Übermittlung an den KI-Dienst.',
    ],
  ])(
    'R14.1 an AppError (%s) becomes an error state with its code, its words in the reader’s language and the typed values',
    async (code, error, message) => {
      const run = action({ name: 'test.domain', access: 'client', schema }, async () => {
        throw error
      })
      const state = await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: '' }))
      expect(state).toEqual({
        status: 'error',
        code,
        message,
        values: { title: 'Hallo', count: '1', id: '' },
      })
      expect(logged).toEqual([])
    },
  )

  it('R14.1 zod messages that are codes are translated too', async () => {
    const coded = z.object({ planId: z.uuid({ error: 'payments.unknownPlan' }) })
    const run = action({ name: 'test.coded', access: 'client', schema: coded }, async () => 1)
    const state = await run({ status: 'idle' }, form({ planId: 'x' }))
    expect(state.fieldErrors).toEqual({
      planId: 'Dieses Abo wird nicht (mehr) angeboten. Lade die Seite neu und wähle ein anderes.',
    })
  })

  it('R14.1 a provider outage is logged by class and status and worded for the person', async () => {
    const run = action({ name: 'test.provider', access: 'client', schema }, async () => {
      throw new DailyError(503, 'upstream said something')
    })
    const state = await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: '' }))
    expect(state.message).toBe(
      'Der Videodienst antwortet gerade nicht. Bitte versuche es in einem Moment noch einmal.',
    )
    expect(JSON.parse(logged[0]!)).toMatchObject({
      action: 'test.provider',
      error: 'DailyError',
      status: 503,
    })
    expect(logged[0]).not.toContain('upstream said')
  })

  it('R14.1 a domain error for one field marks that field', async () => {
    const run = action({ name: 'test.field', access: 'client', schema }, async () => {
      throw new AppError('consent.outdated', { field: 'title' })
    })
    const state = await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: '' }))
    expect(state.status).toBe('invalid')
    expect(state.fieldErrors).toEqual({
      title: 'Der Text hat sich geändert — bitte lade die Seite neu und prüfe ihn.',
    })
    expect(state.values?.title).toBe('Hallo')
  })

  it('R14.1 a ZodError thrown by a service is bad input too', async () => {
    const run = action({ name: 'test.zod', access: 'client', schema }, async () => {
      z.object({ title: z.string().max(2, { error: 'Zu lang.' }) }).parse({ title: 'Hallo' })
    })
    const state = await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: '' }))
    expect(state).toMatchObject({ status: 'invalid', fieldErrors: { title: 'Zu lang.' } })
  })

  it('R13.1 an unexpected error: a generic sentence, one log line with the class only, never the input', async () => {
    const secret = 'Mein geheimer Tagebuchtext'
    const run = action({ name: 'test.crash', access: 'client', schema }, async ({ input }) => {
      throw new TypeError(`cannot read ${input.title}`)
    })
    const state = await run({ status: 'idle' }, form({ title: secret, count: '1', id: '' }))
    expect(state.status).toBe('error')
    expect(state.message).toBe('Das hat nicht geklappt. Bitte versuche es noch einmal.')
    expect(logged).toHaveLength(1)
    expect(JSON.parse(logged[0]!)).toMatchObject({
      event: 'action.failed',
      action: 'test.crash',
      error: 'TypeError',
    })
    expect(logged[0]).not.toContain(secret)
  })

  it("R14.1 Next's redirect() inside the handler passes through (it is control flow, not a failure)", async () => {
    const run = action({ name: 'test.redirect', access: 'client', schema }, async () => {
      redirect('/journal?gespeichert=1')
    })
    const thrown = await run({ status: 'idle' }, form({ title: 'Hallo', count: '1', id: '' })).catch((e) => e)
    expect(String((thrown as { digest?: string }).digest)).toContain('/journal?gespeichert=1')
    expect(logged).toEqual([])
  })

  it('R14.1 formAction: a plain <form action> with the same checks, redirecting', async () => {
    const run = formAction(
      { name: 'test.form', access: 'public', schema: z.object({ to: z.enum(['de', 'en']) }) },
      async ({ input }) => redirect(`/${input.to}`),
    )
    expect(run.length).toBe(1)
    await expect(run(form({ to: 'en' }))).rejects.toMatchObject({ digest: expect.stringContaining('/en') })
    await expect(run(form({ to: 'fr' }))).resolves.toBeUndefined()
  })
})
