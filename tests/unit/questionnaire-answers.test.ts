import { describe, expect, it } from 'vitest'
import type { QuestionSnapshot } from '@/db/schema/questionnaires'
import { answersToRaw, answerText, checkAnswers } from '@/lib/questionnaires/answer-rules'
import { fieldTexts } from '../helpers/error-text'

const questions: QuestionSnapshot[] = [
  { id: 't', kind: 'text', prompt: 'Was beschäftigt dich?', required: true },
  {
    id: 's',
    kind: 'scale',
    prompt: 'Energie?',
    required: false,
    scale: { min: 0, max: 10, minLabel: 'keine', maxLabel: null },
  },
  {
    id: 'm',
    kind: 'multiple',
    prompt: 'Was hilft?',
    required: true,
    options: [
      { id: 'a', label: 'Natur' },
      { id: 'b', label: 'Musik' },
    ],
  },
]

describe('R8.1 questionnaire answer rules', () => {
  it('R8.1 a draft may leave required questions open; a submission names each one', () => {
    expect(checkAnswers(questions, {}, 'draft')).toEqual({ answers: {}, errors: {} })
    expect(fieldTexts(checkAnswers(questions, { t: '   ' }, 'submit').errors)).toEqual({
      t: 'Bitte beantworte diese Frage.',
      m: 'Bitte wähle mindestens eine Antwort.',
    })
  })

  it('R8.1 values are normalised: trimmed text, numbers, one ticked box as a list in option order', () => {
    const { answers, errors } = checkAnswers(
      questions,
      { t: ' Hallo\r\n', s: '0', m: ['b', 'a', 'b'] },
      'submit',
    )
    expect(errors).toEqual({})
    expect(answers).toEqual({ t: 'Hallo', s: 0, m: ['a', 'b'] })
    expect(checkAnswers(questions, { m: 'b' }, 'draft').answers).toEqual({ m: ['b'] })
    expect(answersToRaw(answers)).toEqual({ t: 'Hallo', s: '0', m: ['a', 'b'] })
  })

  it('R8.1 answer text for the analysis in the client’s language', () => {
    expect(answerText(questions[1]!, 7, 'en')).toBe('7 (scale 0–10, 0 = keine)')
    expect(answerText(questions[2]!, ['a', 'b'], 'de')).toBe('Natur, Musik')
    expect(answerText(questions[0]!, undefined, 'de')).toBe('')
  })
})
