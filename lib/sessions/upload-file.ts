import { AppError } from '@/lib/errors'
import { MAX_TRANSCRIPT_BYTES, type TranscriptFormat } from './transcript-parse'

/**
 * What a coach's upload for a session is (R6.3): a transcript (plain text, WebVTT, SRT) or audio to be kept and
 * transcribed later. Decided from the browser's content type, or — when the browser sends none or a generic one,
 * as many do for .vtt/.srt — from the file name's extension. Audio is also checked by its first bytes, so a
 * renamed image is not stored as a recording. Pure: the action uses it to refuse early, the service to decide.
 */

export const MAX_AUDIO_BYTES = 25 * 1024 * 1024

export type AudioFormat = 'webm' | 'ogg' | 'mp3' | 'm4a' | 'wav'
export type UploadKind =
  | { kind: 'transcript'; format: TranscriptFormat; maxBytes: number }
  | { kind: 'audio'; format: AudioFormat; contentType: string; maxBytes: number }

const TEXT_TYPES: Record<string, TranscriptFormat> = {
  'text/plain': 'text',
  'text/vtt': 'vtt',
  'application/x-subrip': 'srt',
  'application/srt': 'srt',
  'text/srt': 'srt',
  'text/x-srt': 'srt',
}
const TEXT_EXTENSIONS: Record<string, TranscriptFormat> = { txt: 'text', vtt: 'vtt', srt: 'srt' }

// Chrome labels a .webm (also an audio-only one, as Daily records) video/webm; the audio track is what counts.
const AUDIO_TYPES: Record<string, AudioFormat> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'application/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'm4a',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
}
const AUDIO_EXTENSIONS: Record<string, AudioFormat> = {
  webm: 'webm',
  ogg: 'ogg',
  oga: 'ogg',
  opus: 'ogg',
  mp3: 'mp3',
  m4a: 'm4a',
  wav: 'wav',
}
export const AUDIO_CONTENT_TYPES: Record<AudioFormat, string> = {
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
}

/** The accept attribute of the file input: the same list the server checks. */
export const UPLOAD_ACCEPT = [
  ...Object.keys(TEXT_EXTENSIONS).map((e) => `.${e}`),
  ...Object.keys(AUDIO_EXTENSIONS).map((e) => `.${e}`),
  ...Object.keys(TEXT_TYPES),
  'audio/*',
].join(',')

export class UnsupportedUploadError extends AppError {
  override name = 'UnsupportedUploadError'
}

const UNSUPPORTED = 'sessions.upload.unsupported'

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase()
}

/** Transcript or audio, by type (or by extension for a missing/generic type); anything else is refused. */
export function uploadKindOf(file: { name: string; type: string }): UploadKind {
  const type = file.type.split(';')[0]!.trim().toLowerCase()
  const ext = extensionOf(file.name)
  const generic = type === '' || type === 'application/octet-stream'
  const text = generic ? TEXT_EXTENSIONS[ext] : TEXT_TYPES[type]
  if (text) {
    // A .vtt or .srt sent as text/plain keeps its format.
    const format = type === 'text/plain' ? (TEXT_EXTENSIONS[ext] ?? 'text') : text
    return { kind: 'transcript', format, maxBytes: MAX_TRANSCRIPT_BYTES }
  }
  const audio = generic ? AUDIO_EXTENSIONS[ext] : AUDIO_TYPES[type]
  if (audio)
    return {
      kind: 'audio',
      format: audio,
      contentType: AUDIO_CONTENT_TYPES[audio],
      maxBytes: MAX_AUDIO_BYTES,
    }
  throw new UnsupportedUploadError(UNSUPPORTED)
}

/** The size rule of a kind, as the coach reads it. */
export function assertUploadSize(kind: UploadKind, size: number): void {
  if (size === 0) throw new UnsupportedUploadError('sessions.fileEmpty')
  if (size > kind.maxBytes)
    throw new UnsupportedUploadError(
      kind.kind === 'audio' ? 'sessions.upload.audioTooBig' : 'sessions.transcript.tooBig',
    )
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to))

/** Whether the first bytes look like any audio container we accept (formats are often mislabelled). */
export function looksLikeAudio(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return true // EBML: WebM
  if (ascii(bytes, 0, 4) === 'OggS') return true
  if (ascii(bytes, 0, 3) === 'ID3') return true // MP3 with tag
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return true // MPEG audio frame / ADTS
  if (ascii(bytes, 4, 8) === 'ftyp') return true // MP4 / M4A
  return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE'
}

export function assertAudioContent(bytes: Uint8Array): void {
  if (!looksLikeAudio(bytes)) throw new UnsupportedUploadError('sessions.upload.notAudio')
}
