import { describe, expect, it } from 'vitest'
import { gazetteer } from '@/lib/privacy/pseudonymize/gazetteer'
import { scanForm } from '@/lib/privacy/pseudonymize/normalize'
import { ruleContext, type Recogniser } from '@/lib/privacy/pseudonymize/recognisers/context'
import { medications } from '@/lib/privacy/pseudonymize/recognisers/medication'
import { organisations } from '@/lib/privacy/pseudonymize/recognisers/organisation'
import { detectLanguage, tokenize } from '@/lib/privacy/pseudonymize/tokens'
import type { Language } from '@/lib/privacy/pseudonymize/types'

// R7.2: organisation and medication rules added after unseen set G, on made-up sentences.
function found(recogniser: Recogniser, text: string, language?: Language) {
  const scan = scanForm(text)
  const tokens = tokenize(scan)
  const ctx = ruleContext(scan, tokens, gazetteer(), language ?? detectLanguage(tokens))
  return recogniser.run(ctx).map((c) => `${c.type}:${scan.slice(c.start, c.end)}`)
}

describe('R7.2 organisations: inn names after a preposition', () => {
  it('a classic inn sign after im/is/zum is the inn', () => {
    expect(found(organisations, 'Am Freitag gehen wir wie immer zum Hirschen in Oberdorf.')).toContain(
      'ORGANIZATION:Hirschen',
    )
    expect(
      found(organisations, 'Nachher sind mir no is Rössli ufe Hoger, es Bier go trinke.', 'de'),
    ).toContain('ORGANIZATION:Rössli')
  })
  it('a sign that is also an ordinary noun needs a word of going out', () => {
    expect(found(organisations, 'Wir haben im Löwen zu Abend gegessen und viel gelacht.')).toContain(
      'ORGANIZATION:Löwen',
    )
    expect(found(organisations, 'Der Mond steht diese Woche im Löwen, sagt meine Schwester.')).toEqual([])
    expect(found(organisations, 'Seit Tagen habe ich Schmerzen im Kreuz.')).toEqual([])
  })
})

describe('R7.2 organisations: heads and names', () => {
  it('a day care centre and a cemetery with their names', () => {
    expect(found(organisations, 'Der Vater geht zweimal pro Woche in die Tagesstätte Lindenhof.')).toContain(
      'ORGANIZATION:Tagesstätte Lindenhof',
    )
    expect(found(organisations, 'Wir haben sie auf dem Friedhof Rosengarten begraben.')).toContain(
      'ORGANIZATION:Friedhof Rosengarten',
    )
  })
  it('a Romance bank name runs over "de"/"di" and capitalised words', () => {
    expect(found(organisations, 'Das Darlehen läuft bei der Caixa Nova de Poupança weiter.')).toContain(
      'ORGANIZATION:Caixa Nova de Poupança',
    )
    expect(found(organisations, 'Ho ancora un conto alla Banca Popolare di Valtellina.', 'it')).toContain(
      'ORGANIZATION:Banca Popolare di Valtellina',
    )
  })
  it('a festival named after a place or a made-up word, not a kind of festival', () => {
    expect(found(organisations, 'We played at the Frauenfeldfestival last summer.', 'en')).toContain(
      'ORGANIZATION:Frauenfeldfestival',
    )
    expect(found(organisations, 'Im Sommer waren wir am Jazzfestival und am Filmfestival.')).toEqual([])
  })
  it('an app name that is also a firm is the firm after English "at" and in the possessive', () => {
    expect(found(organisations, 'She had a long meeting at Google yesterday.', 'en')).toContain(
      'ORGANIZATION:Google',
    )
    expect(found(organisations, 'I looked it up on Google yesterday.', 'en')).toEqual([])
    expect(found(organisations, "Honestly, Google's been fair to me this year.", 'en')).toContain(
      'ORGANIZATION:Google',
    )
  })
  it('listed money-transfer firms, regional banks and self-help groups', () => {
    expect(found(organisations, 'Das Geld schicke ich jeden Monat mit MoneyGram nach Hause.')).toContain(
      'ORGANIZATION:MoneyGram',
    )
    expect(found(organisations, 'Unser Hypothekarkonto ist bei der Bank Avera.')).toContain(
      'ORGANIZATION:Bank Avera',
    )
    expect(found(organisations, 'On Mondays I go to an AA meeting near the station.', 'en')).toContain(
      'ORGANIZATION:AA',
    )
    expect(found(organisations, 'Den Sprachkurs mache ich bei der Caritas im Quartier.')).toContain(
      'ORGANIZATION:Caritas',
    )
  })
})

describe('R7.2 medications: unknown brand names in a context of taking', () => {
  it('after a verb of taking, before a participle of prescribing, before a dosage form', () => {
    expect(found(medications, 'Ieri sera ho preso un Dormalin per dormire.', 'it')).toEqual([
      'MEDICATION:Dormalin',
    ])
    expect(found(medications, 'Die Neurologin hat mir Quarvexin verschrieben.')).toEqual([
      'MEDICATION:Quarvexin',
    ])
    expect(found(medications, 'Ab Juni bekomme ich Neuravil als Infusion.')).toEqual(['MEDICATION:Neuravil'])
    expect(found(medications, 'Tomo Calmexa 5 mg cada noche.', 'es')).toContain('MEDICATION:Calmexa')
  })
  it('names, ordinary words and Swiss German "gno" stay', () => {
    expect(found(medications, 'I took Sarah to the station.', 'en')).toEqual([])
    expect(found(medications, 'Am See han i es Glace gno.')).toEqual([])
    expect(found(medications, 'Ich nehme Tabletten gegen Kopfweh.')).toEqual([])
  })
  it('listed brand names of neurological and psychiatric drugs', () => {
    expect(found(medications, 'Sie bekommt seit einem Jahr Tysabri.')).toEqual(['MEDICATION:Tysabri'])
    expect(found(medications, 'Mi hanno dato il Lexotan.', 'it')).toEqual(['MEDICATION:Lexotan'])
  })
})
