import type { TranscriptSegment } from './transcript-store'

/** "m:ss" from the start of the session, "h:mm:ss" from an hour on; null (plain text) stays empty. */
export function formatTimestamp(seconds: number | null): string {
  if (seconds === null) return ''
  const total = Math.floor(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`
}

export type HighlightedSegment = TranscriptSegment & {
  index: number
  /** The text cut into runs; `match` runs are the query's occurrences (for <mark>). */
  parts: { text: string; match: boolean }[]
}

const MAX_QUERY = 200

/** The search term as the page uses it: trimmed, at most 200 characters, '' for none. */
export function normaliseQuery(q: string | string[] | undefined): string {
  return (typeof q === 'string' ? q : '').trim().slice(0, MAX_QUERY)
}

/**
 * Segments whose text or speaker contains the query (case-insensitive), with the occurrences marked; all
 * segments unmarked when the query is empty. Server-side, so the page works without JavaScript.
 */
export function searchSegments(segments: TranscriptSegment[], query: string): HighlightedSegment[] {
  const all = segments.map((s, index) => ({ ...s, index, parts: [{ text: s.text, match: false }] }))
  if (!query) return all
  const pattern = new RegExp(`(${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'giu')
  const speakerPattern = new RegExp(pattern.source, 'iu')
  return all.flatMap((s) => {
    // split with a capturing group: odd positions are the occurrences.
    const pieces = s.text.split(pattern)
    if (pieces.length === 1 && !speakerPattern.test(s.speaker)) return []
    const parts = pieces.map((text, i) => ({ text, match: i % 2 === 1 })).filter((part) => part.text !== '')
    return [{ ...s, parts }]
  })
}
