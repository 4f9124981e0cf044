import 'server-only'
import { getLocale } from 'next-intl/server'

/**
 * Appointment times in the viewer's zone and language, shaped like the booking e-mails:
 * de "Do, 10. Dezember 2026, 14:00", en "Thu, 10 December 2026, 14:00".
 */
export async function getBookingFormat(timeZone: string) {
  const locale = await getLocale()
  const german = locale.startsWith('de')
  const full = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  })
  const clock = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  })
  // A civil date 'YYYY-MM-DD' (already in the viewer's zone) as a day heading: "Donnerstag, 10. Dezember".
  const dayHeading = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  })
  const longDate = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  })
  const zoneName =
    new Intl.DateTimeFormat(locale, { timeZoneName: 'longGeneric', timeZone })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone

  return {
    when(instant: Date): string {
      const part = (type: Intl.DateTimeFormatPartTypes) =>
        full.formatToParts(instant).find((p) => p.type === type)?.value ?? ''
      const weekday = part('weekday').replace(/\.$/, '')
      const day = german ? `${part('day')}.` : part('day')
      return `${weekday}, ${day} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`
    },
    time: (instant: Date) => clock.format(instant),
    /** "31. Januar 2027" */
    date: (instant: Date) => longDate.format(instant),
    day: (date: string) => dayHeading.format(new Date(`${date}T12:00:00Z`)),
    /** e.g. "Europe/Zurich (Mitteleuropäische Zeit)". */
    zone: zoneName === timeZone ? timeZone : `${timeZone} (${zoneName})`,
  }
}

export type BookingFormat = Awaited<ReturnType<typeof getBookingFormat>>
