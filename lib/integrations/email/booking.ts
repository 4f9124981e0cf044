import { bookingIcs } from './ics'
import type { EmailAttachment } from './send'
import { type BookingEmailData, type Locale, PRACTICE_ADDRESS, VIDEO_LINK_HINT } from './templates'

const filenames: Record<Locale, string> = { de: 'termin.ics', en: 'appointment.ics' }
const videoLocation: Record<Locale, string> = { de: 'Videositzung (Mi Alma)', en: 'Video session (Mi Alma)' }

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
  const locale = options.locale ?? 'de'
  const content = bookingIcs({
    uid: data.bookingId,
    start: new Date(data.startsAt),
    durationMinutes: data.durationMinutes,
    summary: data.sessionName,
    location: data.mode === 'video' ? videoLocation[locale] : PRACTICE_ADDRESS,
    description:
      `${data.mode === 'video' ? `${VIDEO_LINK_HINT[locale]}.` : ''} ${data.appUrl}/bookings`.trim(),
    method,
    sequence: options.sequence ?? (method === 'CANCEL' ? 1 : 0),
    now,
  })
  return {
    filename: filenames[locale],
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  }
}
