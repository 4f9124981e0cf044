import { describe, expect, it } from 'vitest'
import {
  MAX_TRANSCRIPT_BYTES,
  parseTranscript,
  TranscriptParseError,
  UNKNOWN_SPEAKER,
} from '@/lib/sessions/transcript-parse'
import { messageOf } from '../helpers/error-text'

const utf8 = (text: string) => new TextEncoder().encode(text)

function failure(run: () => unknown): TranscriptParseError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(TranscriptParseError)
    return error as TranscriptParseError
  }
  throw new Error('expected a TranscriptParseError')
}

describe('parseTranscript: WebVTT', () => {
  it('reads voice tags, "Name: text" cues, identifiers, notes and hours', () => {
    const vtt = [
      'WEBVTT - Sitzung',
      '',
      'NOTE exportiert aus der Videokonferenz',
      '',
      '1',
      '00:00:01.000 --> 00:00:04.500 align:start',
      '<v Andrea Brunner>Wie geht es dir heute?</v>',
      '',
      '00:05.000 --> 00:09.250',
      '<v.client Lea>Besser als letzte Woche &amp; ruhiger.',
      'Danke.</v>',
      '',
      '01:02:03.004 --> 01:02:05.000',
      'Andrea: Schön zu hören.',
      '',
      '01:02:06.000 --> 01:02:07.000',
      'ohne Namen',
      '',
    ].join('\n')
    expect(parseTranscript(utf8(vtt), 'vtt')).toEqual([
      { speaker: 'Andrea Brunner', start: 1, end: 4.5, text: 'Wie geht es dir heute?' },
      { speaker: 'Lea', start: 5, end: 9.25, text: 'Besser als letzte Woche & ruhiger.\nDanke.' },
      { speaker: 'Andrea', start: 3723.004, end: 3725, text: 'Schön zu hören.' },
      { speaker: UNKNOWN_SPEAKER, start: 3726, end: 3727, text: 'ohne Namen' },
    ])
  })

  it('accepts CRLF line ends and a byte-order mark, and sniffs WebVTT in a .txt upload', () => {
    const vtt = '\uFEFFWEBVTT\r\n\r\n00:00:00.000 --> 00:00:02.000\r\n<v Lea>Hallo</v>\r\n'
    const expected = [{ speaker: 'Lea', start: 0, end: 2, text: 'Hallo' }]
    expect(parseTranscript(utf8(vtt), 'vtt')).toEqual(expected)
    expect(parseTranscript(utf8(vtt), 'text')).toEqual(expected)
  })

  it('refuses a file without the WEBVTT header, naming line 1', () => {
    const error = failure(() => parseTranscript(utf8('00:00:01.000 --> 00:00:02.000\nHallo\n'), 'vtt'))
    expect(error.line).toBe(1)
    expect(messageOf(error)).toBe('Zeile 1: Eine WebVTT-Datei muss mit «WEBVTT» beginnen.')
  })

  it('refuses a bad timestamp, naming the line and the value', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: eins\n\n00:00:03 --> 00:00:04.000\nB: zwei\n'
    const error = failure(() => parseTranscript(utf8(vtt), 'vtt'))
    expect(error.line).toBe(6)
    expect(messageOf(error)).toContain('Zeile 6: Ungültige Zeitangabe «00:00:03»')
  })

  it('refuses minutes over 59 and a cue without a timing line', () => {
    expect(failure(() => parseTranscript(utf8('WEBVTT\n\n00:61.000 --> 01:02.000\nx\n'), 'vtt')).line).toBe(3)
    const missing = failure(() => parseTranscript(utf8('WEBVTT\n\nnur Text\nohne Zeit\n'), 'vtt'))
    expect(missing.line).toBe(4)
    expect(messageOf(missing)).toContain('Zeitangabe fehlt')
  })

  it('refuses a cue whose end lies before its start', () => {
    const error = failure(() =>
      parseTranscript(utf8('WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nLea: zu früh\n'), 'vtt'),
    )
    expect(messageOf(error)).toBe('Zeile 3: Das Ende (00:00:04.000) liegt vor dem Anfang (00:00:05.000).')
  })

  it('refuses a WebVTT file with only a header', () => {
    expect(messageOf(failure(() => parseTranscript(utf8('WEBVTT\n\nNOTE nichts\n'), 'vtt')))).toBe(
      'Die Datei enthält keinen Transkript-Text.',
    )
  })
})

describe('parseTranscript: SRT', () => {
  it('reads numbered cues with "Name: text" and strips formatting tags', () => {
    const srt = [
      '1',
      '00:00:01,000 --> 00:00:03,000',
      'Andrea: Was nimmst du mit?',
      '',
      '2',
      '00:00:03,500 --> 00:00:06,000',
      '<i>Lea: Mehr Pausen.</i>',
      'Wirklich.',
      '',
    ].join('\r\n')
    expect(parseTranscript(utf8(srt), 'srt')).toEqual([
      { speaker: 'Andrea', start: 1, end: 3, text: 'Was nimmst du mit?' },
      { speaker: 'Lea', start: 3.5, end: 6, text: 'Mehr Pausen.\nWirklich.' },
    ])
  })

  it('refuses a malformed SRT timing, naming the line', () => {
    const error = failure(() => parseTranscript(utf8('1\n00:00:01 -> 00:00:02\nHallo\n'), 'srt'))
    expect(error.line).toBe(2)
    expect(messageOf(error)).toContain('Zeitangabe fehlt')
    const reversed = failure(() => parseTranscript(utf8('1\n00:00:09,000 --> 00:00:02,000\nx\n'), 'srt'))
    expect(reversed.line).toBe(2)
  })
})

describe('parseTranscript: plain text', () => {
  it('starts a turn at each "Name: text" line; following lines and paragraphs continue it', () => {
    const text = [
      'Andrea: Wie war die Woche?',
      'Erzähl ruhig.',
      '',
      'Lea: Anstrengend.',
      '',
      'Aber am Wochenende ging es besser.',
    ].join('\n')
    expect(parseTranscript(utf8(text), 'text')).toEqual([
      { speaker: 'Andrea', start: null, end: null, text: 'Wie war die Woche?\nErzähl ruhig.' },
      { speaker: 'Lea', start: null, end: null, text: 'Anstrengend.' },
      { speaker: 'Lea', start: null, end: null, text: 'Aber am Wochenende ging es besser.' },
    ])
  })

  it('without names: one segment per paragraph, speaker "Unbekannt"', () => {
    const text = 'Erster Absatz\nnoch eine Zeile\n\n\nZweiter Absatz, 10:30 Uhr.\n'
    expect(parseTranscript(utf8(text), 'text')).toEqual([
      { speaker: 'Unbekannt', start: null, end: null, text: 'Erster Absatz\nnoch eine Zeile' },
      { speaker: 'Unbekannt', start: null, end: null, text: 'Zweiter Absatz, 10:30 Uhr.' },
    ])
  })

  it('splits a very long turn into segments of at most 20 000 characters', () => {
    const segments = parseTranscript(utf8(`Lea: ${'a'.repeat(45_000)}`), 'text')
    expect(segments.map((s) => s.text.length)).toEqual([20_000, 20_000, 5_000])
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(['Lea']))
  })
})

describe('parseTranscript: refused content', () => {
  it('refuses an empty or blank file', () => {
    expect(messageOf(failure(() => parseTranscript(new Uint8Array(), 'text')))).toBe('Die Datei ist leer.')
    expect(messageOf(failure(() => parseTranscript(utf8(' \n\n\t\n'), 'vtt')))).toBe('Die Datei ist leer.')
  })

  it('refuses more than 2 MB, and accepts exactly 2 MB', () => {
    const line = 'Lea: ' + 'x'.repeat(1018) + '\n' // 1 KiB
    const twoMb = utf8(line.repeat(2048))
    expect(twoMb.byteLength).toBe(MAX_TRANSCRIPT_BYTES)
    expect(parseTranscript(twoMb, 'text')).toHaveLength(2048)
    const tooBig = utf8(line.repeat(2048) + 'x')
    expect(messageOf(failure(() => parseTranscript(tooBig, 'text')))).toContain('grösser als 2 MB')
  })

  it('refuses content that is not UTF-8 (Latin-1, UTF-16)', () => {
    const latin1 = new Uint8Array([0x4c, 0x65, 0x61, 0x3a, 0x20, 0x47, 0x72, 0xfc, 0x65, 0x7a, 0x69])
    expect(messageOf(failure(() => parseTranscript(latin1, 'text')))).toContain('keine Textdatei in UTF-8')
    const utf16 = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00])
    expect(messageOf(failure(() => parseTranscript(utf16, 'text')))).toContain('keine Textdatei in UTF-8')
  })

  it('refuses binary content that happens to be valid UTF-8', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(messageOf(failure(() => parseTranscript(png, 'text')))).toContain('keine Textdatei in UTF-8')
    const zeros = new Uint8Array([0x41, 0x00, 0x42, 0x00])
    expect(messageOf(failure(() => parseTranscript(zeros, 'srt')))).toContain('Binärdaten')
  })
})
