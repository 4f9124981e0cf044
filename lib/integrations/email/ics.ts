/**
 * A minimal iCalendar (RFC 5545) event for a booking, written by hand: one VEVENT, times in UTC.
 * Carries the session name only — never coaching content (R12.2).
 */
export type BookingIcsInput = {
  uid: string
  start: Date
  durationMinutes: number
  summary: string
  location?: string
  description?: string
  method: 'REQUEST' | 'CANCEL'
  /** Raise on every change of the same booking (a cancellation after a request: 1). */
  sequence?: number
  now: Date
}

/** RFC 5545 3.3.10 TEXT: backslash, semicolon, comma and line breaks are escaped. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** RFC 5545 3.1: lines longer than 75 octets are folded; continuation lines start with one space. */
export function foldIcsLine(line: string): string {
  const out: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    // Never split a UTF-8 sequence; 75 octets per line including the leading space of a continuation.
    if (octets + size > 75) {
      out.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  out.push(current)
  return out.join('\r\n')
}

/** UTC date-time form YYYYMMDDTHHMMSSZ. */
export function icsUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date for iCalendar')
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

export function bookingIcs(input: BookingIcsInput): string {
  const end = new Date(input.start.getTime() + input.durationMinutes * 60_000)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mi Alma//Buchungen//DE',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}@mialma.ch`,
    `DTSTAMP:${icsUtc(input.now)}`,
    `DTSTART:${icsUtc(input.start)}`,
    `DTEND:${icsUtc(end)}`,
    `SEQUENCE:${input.sequence ?? 0}`,
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    ...(input.location ? [`LOCATION:${escapeIcsText(input.location)}`] : []),
    ...(input.description ? [`DESCRIPTION:${escapeIcsText(input.description)}`] : []),
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}
