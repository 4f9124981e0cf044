import { describe, expect, it } from 'vitest'
import { findLeaks, pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: known names are replaced every time (target 1.00). A known given name that is also a German noun
// ("Roman", the novel) stays a word after an article and an adjective, except when the adjective is an age
// (found on unseen set M, "der sechsjährige roman" in a dictated transcript).
const context = { client: { name: 'Roman Bürgi' }, coach: { name: 'Martin Ryser' } }
const p = (text: string) => pseudonymize(text, context).text

describe('R7.2 a known name after an age adjective', () => {
  it('is the person, in dictation and in written text', () => {
    const dictated = 'coach was würde der sechsjährige roman sagen klient er würde sagen spiel einfach weiter'
    expect(p(dictated)).not.toMatch(/\broman\b/i)
    expect(p('Der zehnjährige Roman hatte Angst vor dem Wasser.')).not.toContain('Roman')
  })

  it('the leak check agrees: the output passes, the original is refused', () => {
    const text = 'Der zehnjährige Roman hatte Angst vor dem Wasser.'
    expect(findLeaks(p(text), context)).toEqual([])
    expect(findLeaks(text, context)).toContain('PERSON')
  })

  it('other adjectives still make it the noun (keep trap)', () => {
    expect(p('Der dicke Roman liegt auf dem Tisch.')).toContain('Roman')
    expect(p('ich lese gerade einen spannenden roman von fontane')).toContain('roman')
  })
})
