import { AppError, type ErrorParams } from '@/lib/errors'
import type { TranscriptSegment } from './transcript-store'

/**
 * Turns an uploaded transcript (R6.3: the coach's path without Gladia, or for an in-person session) into
 * speaker-labelled segments: WebVTT, SRT or plain text. Pure — no database, no I/O — so every rule is unit
 * tested. Errors carry a German sentence naming the line, shown to the coach as is.
 */

export const MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
export const UNKNOWN_SPEAKER = 'Unbekannt'

export type TranscriptFormat = 'vtt' | 'srt' | 'text'

export class TranscriptParseError extends AppError {
  override name = 'TranscriptParseError'
  /** `line`: where in the file (the message names it). */
  constructor(
    code: string,
    readonly line?: number,
    params: ErrorParams = {},
  ) {
    super(code, { params: line === undefined ? params : { ...params, line } })
  }
}

const MAX_SPEAKER = 80
const MAX_TEXT = 20_000
// C0 controls other than tab, line feed, form feed and carriage return, and DEL: a sign of a binary file.
const BINARY = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/

/** UTF-8 text of an upload: refuses empty, oversized, binary and non-UTF-8 content. */
export function decodeTranscript(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_TRANSCRIPT_BYTES) throw new TranscriptParseError('sessions.transcript.tooBig')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new TranscriptParseError('sessions.transcript.notUtf8')
  }
  if (BINARY.test(text)) throw new TranscriptParseError('sessions.transcript.binary')
  if (text.trim() === '') throw new TranscriptParseError('sessions.fileEmpty')
  return text
}

/** Decodes and parses an upload; plain text that starts with "WEBVTT" is read as WebVTT. */
export function parseTranscript(bytes: Uint8Array, format: TranscriptFormat): TranscriptSegment[] {
  const text = decodeTranscript(bytes)
  const lines = text.split(/\r\n|\r|\n/)
  const sniffed = format === 'text' && /^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? '') ? 'vtt' : format
  const segments =
    sniffed === 'vtt' ? parseVtt(lines) : sniffed === 'srt' ? parseSrt(lines) : parsePlainText(lines)
  if (segments.length === 0) throw new TranscriptParseError('sessions.transcript.noText')
  return segments
}

type Block = { firstLine: number; lines: string[] }

/** Groups lines into blocks separated by blank lines, remembering each block's first line number (1-based). */
function blocks(lines: string[], from = 0): Block[] {
  const result: Block[] = []
  let current: Block | null = null
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') {
      current = null
      continue
    }
    if (!current) {
      current = { firstLine: i + 1, lines: [] }
      result.push(current)
    }
    current.lines.push(line)
  }
  return result
}

const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/
const SRT_TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000
}

/** "start --> end[ settings]" with the given timestamp syntax; errors name the line. */
function timing(line: string, lineNo: number, pattern: RegExp, example: string) {
  const [left, right] = line.split('-->')
  const startText = left?.trim() ?? ''
  const endText = right?.trim().split(/[ \t]+/)[0] ?? ''
  const parse = (value: string) => {
    const m = pattern.exec(value)
    if (!m)
      throw new TranscriptParseError('sessions.transcript.badTime', lineNo, {
        value: value.slice(0, 40),
        example,
      })
    return seconds(m[1], m[2]!, m[3]!, m[4]!)
  }
  const start = parse(startText)
  const end = parse(endText)
  if (end < start)
    throw new TranscriptParseError('sessions.transcript.endBeforeStart', lineNo, {
      end: endText,
      start: startText,
    })
  return { start, end }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|lrm|rlm);/g, (_, name: string) => ENTITIES[name] ?? '')
}

// "Anna: …", "Dr. Meier: …", "Coach (Andrea): …" — a short name starting with a letter, then ": " and text.
const SPEAKER_LINE = /^[ \t]*(\p{L}[\p{L}\p{M}\p{N} .'’()_-]{0,39}?)[ \t]*:[ \t]+(\S.*)$/u

/** A cue's text without markup; the speaker from a `<v Name>` voice tag or a leading "Name: ". */
function cueText(raw: string[]): { speaker: string | null; text: string } {
  const joined = raw.join('\n')
  const voice = /<v(?:\.[^\s>]*)?[ \t]+([^>]+)>/.exec(joined)
  const plain = decodeEntities(joined.replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
  if (voice) return { speaker: decodeEntities(voice[1]!.trim()), text: plain }
  const [first = '', ...rest] = plain.split('\n')
  const named = SPEAKER_LINE.exec(first)
  if (named) return { speaker: named[1]!.trim(), text: [named[2]!.trim(), ...rest].join('\n') }
  return { speaker: null, text: plain }
}

function segment(speaker: string | null, start: number | null, end: number | null, text: string) {
  const name = (speaker?.trim() || UNKNOWN_SPEAKER).slice(0, MAX_SPEAKER)
  const pieces: TranscriptSegment[] = []
  // A very long turn (a pasted monologue) is stored as several segments of the same speaker.
  for (let at = 0; at < text.length; at += MAX_TEXT)
    pieces.push({ speaker: name, start, end, text: text.slice(at, at + MAX_TEXT) })
  return pieces
}

function parseVtt(lines: string[]): TranscriptSegment[] {
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? ''))
    throw new TranscriptParseError('sessions.transcript.vttHeader', 1)
  const [, ...cues] = blocks(lines) // the first block is the header
  const segments: TranscriptSegment[] = []
  for (const block of cues) {
    const first = block.lines[0]!
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue
    const at = first.includes('-->') ? 0 : 1
    const timingLine = block.lines[at]
    if (timingLine === undefined || !timingLine.includes('-->'))
      throw new TranscriptParseError(
        'sessions.transcript.timingMissing',
        block.firstLine + (timingLine === undefined ? 0 : at),
        { example: '00:00:01.000 --> 00:00:04.000' },
      )
    const { start, end } = timing(timingLine, block.firstLine + at, VTT_TIME, '00:00:01.000')
    const { speaker, text } = cueText(block.lines.slice(at + 1))
    if (text) segments.push(...segment(speaker, start, end, text))
  }
  return segments
}

function parseSrt(lines: string[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = []
  for (const block of blocks(lines)) {
    const first = block.lines[0]!.trim()
    const at = /^\d+$/.test(first) ? 1 : 0
    const timingLine = block.lines[at]
    if (timingLine === undefined || !timingLine.includes('-->'))
      throw new TranscriptParseError(
        'sessions.transcript.timingMissing',
        block.firstLine + (timingLine === undefined ? 0 : at),
        { example: '00:00:01,000 --> 00:00:04,000' },
      )
    const { start, end } = timing(timingLine, block.firstLine + at, SRT_TIME, '00:00:01,000')
    const { speaker, text } = cueText(block.lines.slice(at + 1))
    if (text) segments.push(...segment(speaker, start, end, text))
  }
  return segments
}

/**
 * Plain text: a line "Name: text" starts a speaker's turn, following lines belong to it; a blank line ends the
 * paragraph. A paragraph without a leading name continues the previous speaker (a long turn in several
 * paragraphs) — or is "Unbekannt" when nobody has spoken yet, so a text without any names becomes one segment
 * per paragraph.
 */
function parsePlainText(lines: string[]): TranscriptSegment[] {
  const segments: TranscriptSegment[] = []
  let speaker: string | null = null
  for (const block of blocks(lines)) {
    let turn: { speaker: string | null; text: string[] } | null = null
    const flush = () => {
      if (turn && turn.text.length) segments.push(...segment(turn.speaker, null, null, turn.text.join('\n')))
    }
    for (const raw of block.lines) {
      const named = SPEAKER_LINE.exec(raw)
      if (named) {
        flush()
        speaker = named[1]!.trim()
        turn = { speaker, text: [named[2]!.trim()] }
      } else {
        turn ??= { speaker, text: [] }
        turn.text.push(raw.trim())
      }
    }
    flush()
  }
  return segments
}
