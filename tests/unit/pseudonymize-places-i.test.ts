import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7 after unseen set I: canton names in all languages, glued spoken digits, Swiss German year words,
// dialect "scht" spellings of a found name. Made-up sentences.
const now = new Date('2026-12-07T12:00:00Z')
const found = (text: string, type: string) =>
  pseudonymize(text, { now })
    .mapping.entries.filter((e) => e.type === type)
    .map((e) => e.value)

describe('Swiss cantons in every language', () => {
  it('finds Spanish and Romansh canton names', () => {
    expect(found('Mi cuñado vive en el Tesino y trabaja en Soleura.', 'LOCATION')).toEqual(
      expect.arrayContaining(['Tesino', 'Soleura']),
    )
    expect(found('Dicen que la familia viene de los Grisones.', 'LOCATION')).toContain('Grisones')
    expect(found('Ella ha abitá plirs onns a Turitg.', 'LOCATION')).toContain('Turitg')
  })
})

describe('spoken numbers', () => {
  it('reads digit words glued into one token as a phone number', () => {
    expect(
      found('kontakt antwort nullachtsieben vier vier eins null zwei zwei drei fünf oder per mail', 'PHONE'),
    ).toEqual(['nullachtsieben vier vier eins null zwei zwei drei fünf'])
  })
  it('keeps ordinary words made of digit-like pieces', () => {
    expect(found('wir haben neun seiten gelesen und dann eine pause gemacht', 'PHONE')).toEqual([])
  })
  it('reads a Swiss German year with an "es" joiner', () => {
    expect(
      found(
        'Frog: Geburtsdatum Antwort: drüezwänzigschte Ouguscht nünzähhundertdreiesachzg',
        'DATE_OF_BIRTH',
      ),
    ).toEqual(['drüezwänzigschte Ouguscht nünzähhundertdreiesachzg'])
  })
})

describe('dialect spellings of a found name', () => {
  it('replaces the "scht" spelling of a name found in the text', () => {
    const out = pseudonymize('Wie sind Ihr uf d Frau Stucki cho? D Schtucki hät e guete Ruef.', { now }).text
    expect(out).not.toMatch(/Schtucki/)
  })
  it('keeps a dialect word that is not a found name', () => {
    expect(pseudonymize('Frau Pfister kam. Es isch e Fenschter offe gsi.', { now }).text).toContain(
      'Fenschter',
    )
  })
})

describe('Romansh surnames', () => {
  it('finds a listed Romansh surname after a title in lower-case dictation', () => {
    expect(found('knie operiert im spital dr huonder jetzt tropfen wenn nötig', 'PERSON')).toContain(
      'huonder',
    )
  })
})

describe('a listed place that reads as a genitive', () => {
  it('finds it right after a bare-place preposition', () => {
    expect(found('er ist aus glarus und wohnt jetzt in kerns', 'LOCATION')).toContain('kerns')
  })
  it('keeps a noun in -s that has a plural of its own', () => {
    expect(found('wir sind in kurs gegangen und dann nach hause', 'LOCATION')).toEqual([])
  })
})

describe('city quarters', () => {
  it('finds quarters of Chur in lower-case dictation', () => {
    expect(found('sie wohnt jetzt im welschdörfli und arbeitet in araschgen', 'LOCATION')).toEqual(
      expect.arrayContaining(['welschdörfli', 'araschgen']),
    )
  })
})

describe('a place coordinated with a listed place', () => {
  it('finds an unknown capitalised word after a conjunction and a place preposition', () => {
    expect(found('Il sabato andiamo in bici a Lugano o al Brenscino, se fa bello.', 'LOCATION')).toContain(
      'Brenscino',
    )
    expect(found('Il sabato andiamo sul Monte Generoso o al Brenscino.', 'LOCATION')).toContain('Brenscino')
  })
  it('keeps ordinary words and names there', () => {
    expect(
      found('Wir fahren nach Luzern und am Abend zurück, dann nach Bern und zu Erika.', 'LOCATION'),
    ).toEqual(['Luzern', 'Bern'])
  })
})
