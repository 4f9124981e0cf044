import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { isDialectShapeNoun } from '@/lib/privacy/pseudonymize/dialect-nouns'

// R7.2 (identifiers out, ordinary words kept): rules of branch pii-r-loc4 — spoken phone numbers with the plus in
// words, Swiss German "dr" as the article before a dialect noun, the owner of an animal, a firm's seat after a
// comma, Bernese landmark heads. Made-up sentences only.
const now = new Date('2026-12-07T12:00:00Z')
const run = (text: string) => pseudonymize(text, { now }).text

describe('spoken phone numbers with a spoken plus', () => {
  it('takes a plus spoken and digit groups written', () => {
    expect(run('min brüeder us hamburg het aglüte plus 49 40 8765 4321 er wott zrugg')).not.toContain('8765')
    expect(run('chiamami al più 39 02 1234 5678 domani')).not.toContain('1234')
    expect(run('llámame al más 34 612 345 678 por favor')).not.toContain('345')
  })
  it('keeps arithmetic and amounts', () => {
    expect(run('3 plus 4 ergibt 7 und plus 20 Prozent')).toBe('3 plus 4 ergibt 7 und plus 20 Prozent')
    expect(run('das kostet plus 49 89 franken mehr')).toBe('das kostet plus 49 89 franken mehr')
  })
})

describe('Swiss German "dr" as the article', () => {
  it('keeps a dialect noun after "dr" in a dialect text', () => {
    expect(run('I dörf dr Montig im Homeoffice schaffa, das isch guet.')).toContain('Montig')
    expect(run('Wär isch das gsi? Dr Obmaa, dä isch immer so.')).toContain('Obmaa')
    expect(run('Uf dr Pischta isch es eisig gsi, mir hei e Pausa gmacht.')).toContain('Pischta')
  })
  it('still takes a name after "dr"', () => {
    expect(run('Dr Obmaa, dr Dominik Löliger, het gseit, i sig z alt.')).not.toContain('Löliger')
    expect(run('Gestern war ich bei Dr Gwerder in der Praxis.')).not.toContain('Gwerder')
  })
  it('reads "dr" in lower-case Standard German dictation as the title', () => {
    expect(run('die diagnose ist jetzt klar dr käppeli hat es sehr ruhig erklärt')).not.toContain('käppeli')
    expect(run('wäg dr offerte han i mit dr gloor telefoniert')).toContain('wäg dr offerte')
  })
  it('keeps a dialect noun or a noun after a fused article before a verb', () => {
    expect(run('Am Morge bim Kafi het mir d Mueter aaglütet.')).toContain('Kafi')
    expect(run('Jo, Hoffnig chunnt nid, wenn me wartet.')).toContain('Hoffnig')
    expect(run('Am Obe bim Beat het er gseit, es sig guet.')).not.toContain('Beat')
  })
  it('knows dialect spellings of nouns, not names or places', () => {
    for (const w of ['Montig', 'Obmaa', 'Pausa', 'Zyt', 'Hoffnig', 'Wohnig'])
      expect(isDialectShapeNoun(w)).toBe(true)
    for (const w of ['Meier', 'Gwerder', 'Ringelspitz', 'Spalebärg', 'Huber'])
      expect(isDialectShapeNoun(w)).toBe(false)
  })
})

describe('animals and their owners', () => {
  it('takes the owner named right after "von"', () => {
    expect(run('ich darf die stute von familie bachmann zweimal pro woche reiten')).not.toContain('bachmann')
  })
  it('keeps the animal named after the owner and an article', () => {
    expect(run('Die Kühe von Papa, die Bella und die Rosi, sind draussen.')).toContain('Bella')
  })
})

describe("a firm's seat", () => {
  it('takes the town after a firm and a comma', () => {
    expect(run('Arbeitgeber: Transporte Kälin AG, Oberbuchsiten (Disponent)')).not.toContain('Oberbuchsiten')
    expect(run('I work for Acme Ltd, Reading.')).not.toContain('Reading')
  })
  it('keeps an ordinary word after a firm and a comma', () => {
    expect(run('Ich war bei der Post AG, Montag war schlimm.')).toContain('Montag')
    expect(run('Arbeitgeber: Kälin Treuhand AG, Compliance')).toContain('Compliance')
  })
})

describe('Bernese landmarks', () => {
  it('takes a bridge on -brügg and a place on -grabe', () => {
    const out = run('Am Bäregrabe vorbii, über d Chornhuusbrügg, bis a d Aare.')
    expect(out).not.toContain('Bäregrabe')
    expect(out).not.toContain('Chornhuusbrügg')
  })
  it('keeps a bridge named by an ordinary word in dialect spelling', () => {
    expect(run('Mir hei über d Fuessgängerbrügg müesse.')).toContain('Fuessgänger')
  })
})
