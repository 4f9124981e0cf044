import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { emailOutbox } from '@/db/schema'
import type { DbHandle } from '@/db/types'
import { bookingEmailIcs } from '@/lib/email/booking'
import { outboxTransport } from '@/lib/integrations/email/local'
import { createResendTransport } from '@/lib/integrations/email/resend'
import { type SendEmailInput, sendEmailWith } from '@/lib/email/send'
import type { BookingEmailData } from '@/lib/email/templates'
import { startFakeResend, type FakeResend } from '../fakes/resend'
import { createTestDb } from '../helpers/db'

let handle: DbHandle
let fake: FakeResend
const FROM = 'Mi Alma <hallo@mialma.ch>'
const TO = 'lea.meier@example.ch'
const NOW = new Date('2026-11-01T09:30:00.000Z')

beforeAll(async () => {
  ;[handle, fake] = await Promise.all([createTestDb(), startFakeResend()])
})
afterAll(async () => {
  await Promise.all([handle?.close(), fake?.close()])
})
beforeEach(() => {
  fake.reset()
  vi.spyOn(console, 'info').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  return () => vi.restoreAllMocks()
})

function confirmation(locale: 'de' | 'en' = 'de'): SendEmailInput<'booking-confirmed'> {
  const data: BookingEmailData = {
    name: 'Lea Meier',
    // Umlauts: the size is counted in UTF-8 octets, and the base64 must round-trip them.
    sessionName: 'Erstgespräch für Paare',
    startsAt: '2026-07-09T12:00:00.000Z',
    durationMinutes: 60,
    mode: 'in_person',
    timeZone: 'Europe/Zurich',
    appUrl: 'https://app.mialma.ch',
    bookingId: randomUUID(),
  }
  return {
    to: TO,
    locale,
    template: 'booking-confirmed',
    data,
    idempotencyKey: `booking-confirmed/${data.bookingId}`,
    attachments: [bookingEmailIcs(data, 'REQUEST', NOW, { locale })],
  }
}

async function row(idempotencyKey: string) {
  const [r] = await handle.db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, idempotencyKey))
  return r!
}

describe('R3.4 R12.3 booking confirmation with .ics in the local outbox', () => {
  it('R3.4 stores name, type, size and the content of the attachment', async () => {
    const input = confirmation()
    const ics = input.attachments![0]!
    expect(await sendEmailWith(handle.db, outboxTransport, FROM, input)).toMatchObject({ ok: true })
    const stored = await row(input.idempotencyKey)
    expect(stored.attachments).toEqual([
      {
        filename: 'termin.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        size: Buffer.byteLength(ics.content, 'utf8'),
        content: ics.content,
      },
    ])
    expect(stored.attachments![0]!.size).toBeGreaterThan(ics.content.length) // UTF-8 octets, not characters
    expect(stored.attachments![0]!.content).toContain('DTSTART:20260709T120000Z\r\n')
    expect(stored.textBody).toContain('Wann: Do, 9. Juli 2026, 14:00')
  })

  it('a message without attachments stores none', async () => {
    const input = { ...confirmation(), attachments: undefined }
    await sendEmailWith(handle.db, outboxTransport, FROM, input)
    expect((await row(input.idempotencyKey)).attachments).toBeNull()
  })
})

describe('R3.4 R11 R12 booking confirmation with .ics through the real Resend SDK', () => {
  it('R3.4 the provider receives the .ics as base64 with its content type', async () => {
    const input = confirmation('en')
    const ics = input.attachments![0]!
    const result = await sendEmailWith(handle.db, createResendTransport(fake.apiKey, fake.url), FROM, input)
    expect(result).toMatchObject({ ok: true, duplicate: false })
    expect(fake.messages).toHaveLength(1)
    const sent = fake.messages[0]!.body.attachments
    expect(sent).toEqual([
      {
        filename: 'appointment.ics',
        content: Buffer.from(ics.content, 'utf8').toString('base64'),
        content_type: 'text/calendar; charset=utf-8; method=REQUEST',
      },
    ])
    const decoded = Buffer.from(sent![0]!.content!, 'base64').toString('utf8')
    expect(decoded).toBe(ics.content)
    expect(decoded.replace(/\r\n /g, '')).toContain('SUMMARY:Erstgespräch für Paare\r\n')
  })

  it('R11 R12.2 the resend-mode row keeps the attachment metadata, never its content', async () => {
    const input = confirmation()
    await sendEmailWith(handle.db, createResendTransport(fake.apiKey, fake.url), FROM, input)
    const stored = await row(input.idempotencyKey)
    expect(stored).toMatchObject({ provider: 'resend', status: 'sent', html: null, textBody: null })
    expect(stored.attachments).toEqual([
      {
        filename: 'termin.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        size: Buffer.byteLength(input.attachments![0]!.content, 'utf8'),
      },
    ])
    expect(stored.attachments![0]).not.toHaveProperty('content')
  })

  it('a message without attachments sends no attachments field', async () => {
    const input = { ...confirmation(), attachments: undefined }
    await sendEmailWith(handle.db, createResendTransport(fake.apiKey, fake.url), FROM, input)
    expect(fake.messages[0]!.body).not.toHaveProperty('attachments')
  })
})
