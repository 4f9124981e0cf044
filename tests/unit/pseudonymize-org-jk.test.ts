import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: organisation rules added after unseen sets J and K, on made-up sentences. Each rule has a keep trap:
// the same words without the cue that makes them a name must stay.
const now = new Date('2026-12-07T12:00:00Z')
const out = (text: string) => pseudonymize(text, { now }).text

describe('R7.2 Swiss German inn signs', () => {
  it('dialect forms of the signs after "im/zur" with a word of going out', () => {
    expect(out('Am Samschtig gömmer im Chrone go z Mittag ässe.')).not.toContain('Chrone')
    expect(out('Jede Mäntig jasset er im Chrüz mit sine Kollege.')).not.toContain('Chrüz')
    expect(out('Mir händ is zur Sunne uf es Bier troffe.')).not.toContain('Sunne')
  })
  it('keep: the same words as a body part, a sign or the weather', () => {
    expect(out("Ich ha's wieder im Chrüz, drum lig i hüt.")).toContain('im Chrüz')
    expect(out('Am Himmel stoht d Sunne scho hoch.')).toContain('Sunne')
  })
  it('a classic inn name after an article when the sentence speaks of an inn', () => {
    expect(out('Er het es Beizli im Toggeburg übernoh, de Leue.')).not.toContain('Leue')
    expect(out('Sie führt sit Johre d Wirtschaft, der Sternen.')).not.toContain('Sternen')
  })
  it('keep: the stars and animals after an article without an inn', () => {
    expect(out('Wir haben unter den Sternen gegessen.')).toContain('Sternen')
    expect(out('Im Zoo het de Leue grad gschlafe.')).toContain('Leue')
  })
})

describe('R7.2 a place adjective and "Hof" as an inn or hotel', () => {
  it('after a preposition of going in, in any case', () => {
    expect(out('Nach der Sitzung bin ich in den Berner Hof einen Kaffee trinken gegangen.')).not.toContain(
      'Berner Hof',
    )
    expect(out('danach sind wir noch im luzerner hof gesessen und haben geredet')).not.toContain(
      'luzerner hof',
    )
  })
  it('keep: a farm ("auf dem Hof") and the yard without a place adjective', () => {
    expect(out('Sie ist auf einem Emmentaler Hof aufgewachsen.')).toContain('Emmentaler Hof')
    expect(out('Die Kinder spielen im Hof hinter dem Haus.')).toContain('im Hof')
  })
})

describe('R7.2 dictated firm names with a trade word', () => {
  it('after "bei der"/"von der": a listed firm or an unknown word before the trade word', () => {
    expect(out('mein bruder arbeitet bei der ekz energie im büro')).not.toContain('ekz')
    expect(out('ich will weg von der post logistik so schnell wie möglich')).not.toContain('post logistik')
    expect(out('Er arbeitet seit März bei Brunner Energie.')).not.toContain('Brunner')
  })
  it('keep: an ordinary noun before the trade word, energy as a word', () => {
    expect(out('ich war lange bei der stadt reinigung angestellt')).toContain('stadt reinigung')
    expect(out('ich habe keine energie mehr und schlafe schlecht')).toContain('energie')
    expect(out('Positive Energie hilft mir am Morgen.')).toContain('Positive Energie')
  })
})

describe('R7.2 a firm whose name is a word, by its branch or a verb of working', () => {
  it('"bei der post in <place>" and "bei der post … arbeite"', () => {
    expect(out('mein vater ist schon lange bei der post in frauenfeld')).not.toMatch(/der post/)
    expect(out('seit ich bi de post im verteilzentrum schaffe bin ich müde')).not.toMatch(/de post/)
  })
  it('keep: mail and the post office without a branch or work', () => {
    expect(out('das geld isch uf mim konto bi dr post')).toContain('bi dr post')
    expect(out('ich hab das paket bei der post abgeholt')).toContain('der post')
  })
})

describe('R7.2 a make of car as an employer', () => {
  it('after a word of working there or leaving it', () => {
    expect(out('Mi padre trabaja en Seat desde hace años.')).not.toContain('Seat')
    expect(out('Lo despidieron de Renault el año pasado.')).not.toContain('Renault')
    expect(out('Er macht eine Lehre bei Opel in Rüsselsheim.')).not.toContain('Opel')
  })
  it('keep: the car itself', () => {
    expect(out('Mein alter Seat springt im Winter nicht an.')).toContain('Seat')
    expect(out('Mi Seat es rojo y muy viejo.')).toContain('Seat')
  })
})

describe('R7.2 Basel Fasnacht cliques known by a short name', () => {
  it('a listed Stammclique, also after an elided article', () => {
    expect(out('Sit Johre pfyff i bi de Naarebaschi.')).not.toContain('Naarebaschi')
    expect(out("D'Schnurebegge händ mi nit welle.")).not.toContain('Schnurebegge')
  })
  it('keep: the Fasnacht and a clique as words', () => {
    expect(out('An dr Fasnacht lauf i mit ere Clique mit.')).toContain('Fasnacht')
  })
})

describe('R7.2 an English venue named before "bar" or "pub"', () => {
  it('a capitalised word between "the" and a venue word, also a dictionary word', () => {
    expect(out('After work we had a pint at the Anchor pub.')).not.toContain('Anchor')
    expect(out('She wants to meet at the Lanterns bar on Friday.')).not.toContain('Lanterns')
  })
  it('keep: nationalities, languages, days and lower-case kinds', () => {
    const text = out('We tried the Irish pub, the Thai cafe and the Sunday bar, then the hotel bar.')
    expect(text).toContain('Irish pub')
    expect(text).toContain('Thai cafe')
    expect(text).toContain('Sunday bar')
    expect(text).toContain('hotel bar')
  })
})
