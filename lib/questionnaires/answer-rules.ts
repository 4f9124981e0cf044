import type { QuestionSnapshot } from '@/db/schema/questionnaires'
import type { UserCipher } from '@/lib/crypto'
import type { FieldError } from '@/lib/errors'
import { type AnswerIntent, MAX_ANSWER } from './schemas'

/** Answers as stored (encrypted): question id → text, scale value, option id or option ids. */
export type AnswerValue = string | number | string[]
export type AnswerMap = Record<string, AnswerValue>

/** The stored answers, decrypted with the client's key (read, export). */
export async function openAnswers(cipher: UserCipher, answersEnc: string): Promise<AnswerMap> {
  return JSON.parse(await cipher.decrypt(answersEnc)) as AnswerMap
}

/** What a form sent for each question: one string, or several for a multiple choice. */
export type RawAnswers = Record<string, string | string[]>

export type AnswerCheck = { answers: AnswerMap; errors: Record<string, FieldError> }

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

const missing: Record<QuestionSnapshot['kind'], string> = {
  text: 'questionnaires.answerRequired',
  scale: 'questionnaires.scaleRequired',
  single: 'questionnaires.singleRequired',
  multiple: 'questionnaires.multipleRequired',
}
const UNKNOWN_OPTION = 'questionnaires.unknownOption'

/**
 * Checks answers against the questions the client was given (the assignment's snapshot). A draft may leave
 * anything open; a submission needs every required question. In both, a value must fit its question: text up
 * to MAX_ANSWER characters, a scale value inside the scale, option ids that exist. Unknown question ids are
 * ignored. Returns the clean answers (empty ones left out) and one error code per question that fails.
 */
export function checkAnswers(
  questions: QuestionSnapshot[],
  raw: RawAnswers,
  intent: AnswerIntent,
): AnswerCheck {
  const answers: AnswerMap = {}
  const errors: Record<string, FieldError> = {}
  for (const q of questions) {
    const value = raw[q.id]
    let answered = false
    switch (q.kind) {
      case 'text': {
        const text = first(value).replace(/\r\n/g, '\n').trim()
        if (text.length > MAX_ANSWER) {
          errors[q.id] = { code: 'questionnaires.answerTooLong', params: { maximum: MAX_ANSWER } }
        } else if (text) {
          answers[q.id] = text
          answered = true
        }
        break
      }
      case 'scale': {
        const text = first(value).trim()
        if (!text) break
        const n = Number(text)
        const { min, max } = q.scale!
        if (!Number.isInteger(n) || n < min || n > max) {
          errors[q.id] = { code: 'questionnaires.scaleOutOfRange', params: { min, max } }
        } else {
          answers[q.id] = n
          answered = true
        }
        break
      }
      case 'single': {
        const id = first(value).trim()
        if (!id) break
        if (!q.options!.some((o) => o.id === id)) errors[q.id] = UNKNOWN_OPTION
        else {
          answers[q.id] = id
          answered = true
        }
        break
      }
      case 'multiple': {
        const ids = [...new Set((Array.isArray(value) ? value : value ? [value] : []).filter(Boolean))]
        if (ids.length === 0) break
        const known = new Set(q.options!.map((o) => o.id))
        if (ids.some((id) => !known.has(id))) errors[q.id] = UNKNOWN_OPTION
        else {
          // In the order the options are shown.
          answers[q.id] = q.options!.map((o) => o.id).filter((id) => ids.includes(id))
          answered = true
        }
        break
      }
    }
    if (!answered && !errors[q.id] && q.required && intent === 'submit') errors[q.id] = missing[q.kind]
  }
  return { answers, errors }
}

/** The answers as form values again (for re-showing a saved draft). */
export function answersToRaw(answers: AnswerMap): RawAnswers {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]))
}

/** One answer as readable text: the option labels, the scale value with its range, or the text itself. */
export function answerText(q: QuestionSnapshot, value: AnswerValue | undefined, locale: 'de' | 'en'): string {
  if (value === undefined) return ''
  switch (q.kind) {
    case 'text':
      return String(value)
    case 'scale': {
      const s = q.scale!
      const ends = [
        s.minLabel ? `${s.min} = ${s.minLabel}` : null,
        s.maxLabel ? `${s.max} = ${s.maxLabel}` : null,
      ].filter(Boolean)
      const range = locale === 'de' ? `Skala ${s.min}–${s.max}` : `scale ${s.min}–${s.max}`
      return `${value} (${[range, ...ends].join(', ')})`
    }
    case 'single':
      return q.options!.find((o) => o.id === value)?.label ?? ''
    case 'multiple': {
      const ids = Array.isArray(value) ? value : [String(value)]
      return q
        .options!.filter((o) => ids.includes(o.id))
        .map((o) => o.label)
        .join(', ')
    }
  }
}
