import { describe, expect, it } from 'vitest'
import { formatTimestamp, normaliseQuery, searchSegments } from '@/lib/sessions/transcript-search'

const segments = [
  { speaker: 'Andrea', start: 1, end: 4, text: 'Wie war die Woche?' },
  { speaker: 'Lea', start: 65.5, end: 69, text: 'Die Woche war lang, sehr lang (wirklich).' },
  { speaker: 'Lea', start: 3725, end: 3730, text: 'Danke.' },
]

describe('transcript search', () => {
  it('formats times as mm:ss, from an hour on as h:mm:ss', () => {
    expect([0, 9.9, 65.5, 3599, 3725].map(formatTimestamp)).toEqual([
      '00:00',
      '00:09',
      '01:05',
      '59:59',
      '1:02:05',
    ])
    expect(formatTimestamp(null)).toBe('')
  })

  it('keeps only matching segments and marks every occurrence, ignoring case', () => {
    const found = searchSegments(segments, 'LANG')
    expect(found.map((s) => s.index)).toEqual([1])
    expect(found[0]!.parts).toEqual([
      { text: 'Die Woche war ', match: false },
      { text: 'lang', match: true },
      { text: ', sehr ', match: false },
      { text: 'lang', match: true },
      { text: ' (wirklich).', match: false },
    ])
  })

  it('matches the speaker too, treats regex characters literally, and returns all for no query', () => {
    expect(searchSegments(segments, 'andrea').map((s) => s.index)).toEqual([0])
    expect(searchSegments(segments, '(wirklich)').map((s) => s.index)).toEqual([1])
    expect(searchSegments(segments, '.*')).toEqual([])
    expect(searchSegments(segments, '')).toHaveLength(3)
    expect(normaliseQuery(['a', 'b'])).toBe('')
    expect(normaliseQuery(`  ${'x'.repeat(300)} `)).toHaveLength(200)
  })
})
