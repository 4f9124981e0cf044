import { DateTime } from 'luxon'
import type { Locale } from './templates'

/** The practice's zone: times there are shown without a zone name. */
export const PRACTICE_TIME_ZONE = 'Europe/Zurich'

// Fixed names instead of Intl: the exact shape must not depend on the ICU version ("Do", not "Do.").
const weekdays: Record<Locale, readonly string[]> = {
  de: ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
}
const months: Record<Locale, readonly string[]> = {
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

/**
 * An appointment time in the recipient's zone and language: de "Do, 8. Dezember 2026, 14:00",
 * en "Thu, 8 December 2026, 14:00"; outside Europe/Zurich followed by the zone, e.g. " (America/New_York)".
 */
export function formatBookingTime(iso: string, timeZone: string, locale: Locale): string {
  const t = DateTime.fromISO(iso, { zone: timeZone })
  if (!t.isValid) throw new RangeError(`Invalid booking time or zone: ${t.invalidExplanation ?? iso}`)
  const day = locale === 'de' ? `${t.day}.` : `${t.day}`
  const text = `${weekdays[locale][t.weekday - 1]}, ${day} ${months[locale][t.month - 1]} ${t.year}, ${t.toFormat('HH:mm')}`
  return timeZone === PRACTICE_TIME_ZONE ? text : `${text} (${timeZone})`
}

/** "CHF 150.00" from an amount in Rappen (the smallest unit). */
export function formatAmount(amountRappen: number, currency: string): string {
  const sign = amountRappen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(amountRappen))
  return `${currency.toUpperCase()} ${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
