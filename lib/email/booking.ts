import { bookingIcs } from '@/lib/integrations/email/ics'
import type { EmailAttachment } from '@/lib/integrations/email/transport'
import { type BookingEmailData, emailWords, type Locale, PRACTICE_ADDRESS } from './templates'

/**
 * The .ics attachment of a booking e-mail (R3.4), in the client's language: REQUEST with the
 * confirmation, CANCEL with the cancellation (sequence 1 by default, so calendars replace the event).
 */
export function bookingEmailIcs(
  data: BookingEmailData,
  method: 'REQUEST' | 'CANCEL',
  now: Date,
  options: { locale?: Locale; sequence?: number } = {},
): EmailAttachment {
  const t = emailWords(options.locale ?? 'de')
  const content = bookingIcs({
    uid: data.bookingId,
    start: new Date(data.startsAt),
    durationMinutes: data.durationMinutes,
    summary: data.sessionName,
    location: data.mode === 'video' ? t('common.videoLocation') : PRACTICE_ADDRESS,
    description: `${data.mode === 'video' ? `${t('common.videoHint')}.` : ''} ${data.appUrl}/bookings`.trim(),
    method,
    sequence: options.sequence ?? (method === 'CANCEL' ? 1 : 0),
    now,
  })
  return {
    filename: t('common.icsFilename'),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  }
}
