import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2 keep: an animal's name is no person (found on unseen set N: a name with the animal in brackets after it, and
// a pair of names in apposition to animals). A person beside an animal stays a person.
const p = (text: string) => pseudonymize(text).text

describe('R7.2 animals named beside a name', () => {
  it('the animal in brackets after the name', () => {
    expect(p('Gut war: Gizmo (the dog) finally ate his dinner.')).toContain('Gizmo')
    expect(p('Und dass dr Ringo (üse Hund) wider frisst.')).toContain('Ringo')
    expect(p('Oggi Briciola (la mia gatta) ha dormito tutto il giorno.')).toContain('Briciola')
  })

  it('a pair of names in apposition to animals, closed by a comma or the sentence end', () => {
    const it1 = 'A casa i gatti, Tappo e Nuvola, mi aspettavano.'
    expect(p(it1)).toBe(it1)
    const es = 'Mis perros, Canelo y Brisa, me esperan cada tarde.'
    expect(p(es)).toBe(es)
    const de = 'Wir haben zwei Katzen, Mimi und Lou.'
    expect(p(de)).toBe(de)
  })

  it('people beside an animal stay people (keep traps turned round)', () => {
    expect(p('Der Hund, Sandra und Peter gingen zusammen spazieren.')).not.toMatch(/Sandra|Peter/)
    expect(p('Meine Kollegin Anna (die mit dem Hund) kam auch.')).not.toContain('Anna')
  })
})
