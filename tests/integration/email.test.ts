import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emailOutbox } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { outboxTransport } from '@/lib/integrations/email/local'
import { createResendTransport } from '@/lib/integrations/email/resend'
import { type SendEmailInput, sendEmailWith } from '@/lib/email/send'
import { EmailSendError, type EmailTransport, type OutgoingEmail } from '@/lib/integrations/email/transport'
import { startFakeResend, type FakeResend } from '../fakes/resend'
import { createTestDb } from '../helpers/db'
import { createUser } from '../helpers/fixtures'

let handle: DbHandle
let fake: FakeResend
const FROM = 'Mi Alma <hallo@mialma.ch>'
const TO = 'lea.meier@example.ch'

beforeAll(async () => {
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeResend()])
})
afterAll(async () => {
  await Promise.all([handle?.close(), fake?.close()])
})
let logLines: () => string
beforeEach(() => {
  fake.reset()
  const info = vi.spyOn(console, 'info').mockImplementation(() => {})
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  logLines = () => [...info.mock.calls, ...warn.mock.calls].map((c) => String(c[0])).join('\n')
  return () => vi.restoreAllMocks()
})

function welcome(overrides: Partial<SendEmailInput<'welcome'>> = {}): SendEmailInput<'welcome'> {
  return {
    to: TO,
    locale: 'de',
    template: 'welcome',
    data: { name: 'Lea Meier', appUrl: 'https://app.mialma.ch' },
    idempotencyKey: `welcome/${randomUUID()}`,
    ...overrides,
  }
}

async function outboxRows(idempotencyKey: string) {
  return handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, idempotencyKey))
}

/** A transport that records calls and fails while `failing` is true. */
function flakyTransport(error: () => Error) {
  const sent: OutgoingEmail[] = []
  const state = { failing: true }
  const transport: EmailTransport = {
    provider: 'resend',
    keepsBodies: false,
    send: async (message) => {
      sent.push(message)
      if (state.failing) throw error()
      return { providerMessageId: `prov_${sent.length}` }
    },
  }
  return { transport, sent, state }
}

describe('R12.3 local outbox (no Resend key)', () => {
  it('R12.3 the message is stored with subject, HTML and text, status stored', async () => {
    const user = await createUser(handle.db)
    const input = welcome({ userId: user.id })
    const result = await sendEmailWith(handle.db, outboxTransport, FROM, input)
    expect(result).toEqual({ ok: true, id: expect.any(String), duplicate: false })
    const [row] = await outboxRows(input.idempotencyKey)
    expect(row).toMatchObject({
      id: result.id,
      userId: user.id,
      toAddress: TO,
      template: 'welcome',
      locale: 'de',
      subject: 'Willkommen bei Mi Alma',
      provider: 'outbox',
      providerMessageId: null,
      status: 'stored',
      error: null,
    })
    expect(row!.html).toContain('Hallo Lea Meier')
    expect(row!.textBody).toContain('Dein Konto bei Mi Alma ist eingerichtet.')
  })

  it('R12.1 the English template is used for locale en', async () => {
    const input = welcome({ locale: 'en' })
    await sendEmailWith(handle.db, outboxTransport, FROM, input)
    const [row] = await outboxRows(input.idempotencyKey)
    expect(row).toMatchObject({ locale: 'en', subject: 'Welcome to Mi Alma' })
  })

  it('R12.1 the same idempotency key sends once: duplicate:true, one row, transport called once', async () => {
    const send = vi.fn(outboxTransport.send)
    const transport: EmailTransport = { ...outboxTransport, send }
    const input = welcome()
    const first = await sendEmailWith(handle.db, transport, FROM, input)
    const second = await sendEmailWith(handle.db, transport, FROM, {
      ...input,
      data: { ...input.data, name: 'Anders' },
    })
    expect(second).toEqual({ ok: true, id: first.id, duplicate: true })
    expect(send).toHaveBeenCalledTimes(1)
    const rows = await outboxRows(input.idempotencyKey)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.html).toContain('Lea Meier')
  })

  it('R13.1 the log line names template and id, not the recipient', async () => {
    await sendEmailWith(handle.db, outboxTransport, FROM, welcome())
    expect(logLines()).toContain('"event":"email.stored"')
    expect(logLines()).not.toContain('lea.meier')
  })
})

describe('R12 failed sends and retries', () => {
  it('R12 a transport throwing EmailSendError → status failed, ok:false; a retry with the same key sends again', async () => {
    const { transport, sent, state } = flakyTransport(() => new EmailSendError('rate_limit_exceeded', 429))
    const input = welcome()
    const failed = await sendEmailWith(handle.db, transport, FROM, input)
    expect(failed).toEqual({
      ok: false,
      id: expect.any(String),
      error: 'E-Mail konnte nicht gesendet werden (rate_limit_exceeded, HTTP 429).',
    })
    expect(await outboxRows(input.idempotencyKey)).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: failed.ok ? null : failed.error,
        providerMessageId: null,
      }),
    ])
    expect(logLines()).toContain('"event":"email.failed"')

    state.failing = false
    const retried = await sendEmailWith(handle.db, transport, FROM, input)
    expect(retried).toEqual({ ok: true, id: failed.id, duplicate: false })
    expect(sent).toHaveLength(2)
    expect(sent.map((m) => m.idempotencyKey)).toEqual([input.idempotencyKey, input.idempotencyKey])
    const rows = await outboxRows(input.idempotencyKey)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'sent', error: null, providerMessageId: 'prov_2' })

    // Once sent, a third call is a duplicate and does not reach the transport.
    expect(await sendEmailWith(handle.db, transport, FROM, input)).toMatchObject({
      ok: true,
      duplicate: true,
    })
    expect(sent).toHaveLength(2)
  })

  it('R12 R13.1 an unexpected transport error is stored as a generic message (no internals, no address)', async () => {
    const { transport } = flakyTransport(() => new Error(`socket hang up while sending to ${TO}`))
    const input = welcome()
    const result = await sendEmailWith(handle.db, transport, FROM, input)
    expect(result.ok).toBe(false)
    const [row] = await outboxRows(input.idempotencyKey)
    expect(row!.status).toBe('failed')
    expect(row!.error).toBe('E-Mail konnte nicht gesendet werden (Verbindungsfehler).')
  })
})

describe('R12 Resend through the real SDK against a local fake API', () => {
  it('R12 the message arrives with from/to/subject/html/text, bearer key and the idempotency key header', async () => {
    const transport = createResendTransport(fake.apiKey, fake.url)
    const input = welcome({ template: 'welcome', locale: 'de' })
    const result = await sendEmailWith(handle.db, transport, FROM, input)
    expect(result).toMatchObject({ ok: true, duplicate: false })
    expect(fake.messages).toHaveLength(1)
    const [message] = fake.messages
    expect(message!.authorization).toBe(`Bearer ${fake.apiKey}`)
    expect(message!.idempotencyKey).toBe(input.idempotencyKey)
    expect(message!.body).toMatchObject({
      from: FROM,
      to: [TO],
      subject: 'Willkommen bei Mi Alma',
      tags: [{ name: 'template', value: 'welcome' }],
    })
    expect(message!.body.html).toContain('<h1 style="font-size:20px">Hallo Lea Meier</h1>')
    expect(message!.body.text).toContain('Mi Alma öffnen: https://app.mialma.ch')
  })

  it('R11 R12 in resend mode the outbox row keeps no body (metadata only), status sent with the provider id', async () => {
    const transport = createResendTransport(fake.apiKey, fake.url)
    const input: SendEmailInput<'profile-updated'> = {
      to: TO,
      locale: 'de',
      template: 'profile-updated',
      data: { name: 'Lea Meier', appUrl: 'https://app.mialma.ch', changedAt: '5. Januar 2026' },
      idempotencyKey: `profile-updated/${randomUUID()}`,
    }
    await sendEmailWith(handle.db, transport, FROM, input)
    const [row] = await outboxRows(input.idempotencyKey)
    expect(row).toMatchObject({
      provider: 'resend',
      status: 'sent',
      providerMessageId: fake.messages[0]!.id,
      template: 'profile-updated',
      subject: 'Dein Profil wurde geändert',
      html: null,
      textBody: null,
      error: null,
    })
    // A second call with the same key is answered from our log: the provider is not asked again.
    await sendEmailWith(handle.db, transport, FROM, input)
    expect(fake.requests).toHaveLength(1)
  })

  it.each([
    [422, 'validation_error', `Invalid \`to\` field. ${TO} is not a valid recipient.`],
    [500, 'internal_server_error', `Unexpected failure while delivering to ${TO}.`],
  ])(
    'R12 R13.1 a Resend %i error → status failed, ok:false, the error names no e-mail address',
    async (status, name, message) => {
      fake.failWith({ statusCode: status, name, message })
      const transport = createResendTransport(fake.apiKey, fake.url)
      const input = welcome()
      const result = await sendEmailWith(handle.db, transport, FROM, input)
      expect(fake.requests).toHaveLength(1)
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error).toBe(`E-Mail konnte nicht gesendet werden (${name}, HTTP ${status}).`)
      expect(result.error).not.toMatch(/@/)
      const [row] = await outboxRows(input.idempotencyKey)
      expect(row).toMatchObject({ status: 'failed', provider: 'resend', providerMessageId: null, html: null })
      expect(row!.error).toBe(result.error)
      expect(logLines()).not.toContain('lea.meier')

      // The provider recovers: the retry with the same key goes through.
      fake.failWith(null)
      expect(await sendEmailWith(handle.db, transport, FROM, input)).toMatchObject({
        ok: true,
        duplicate: false,
      })
      expect(fake.messages.map((m) => m.idempotencyKey)).toEqual([input.idempotencyKey])
      expect((await outboxRows(input.idempotencyKey))[0]).toMatchObject({ status: 'sent', error: null })
    },
  )

  it('R12 a wrong API key is a failed send (HTTP 403 invalid_api_key)', async () => {
    const transport = createResendTransport('re_wrong_key', fake.url)
    const result = await sendEmailWith(handle.db, transport, FROM, welcome())
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('invalid_api_key, HTTP 403') })
    expect(fake.messages).toHaveLength(0)
  })

  it('R12 an unreachable provider is a failed send, not a crash', async () => {
    const down = await startFakeResend()
    const url = down.url
    await down.close()
    const result = await sendEmailWith(handle.db, createResendTransport('re_key', url), FROM, welcome())
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('application_error') })
  })
})
