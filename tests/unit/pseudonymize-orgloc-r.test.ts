import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2 (places and organisations are pseudonymised, ordinary words kept): cue-based rules of the round on the
// organisation and place misses of sets L–O. Made-up sentences only, each rule with its keep traps.
const run = pseudonymized
const found = (text: string, type: 'LOCATION' | 'ORGANIZATION' = 'LOCATION') => foundOfType(text, type)

describe('country names anywhere, also at the start of a sentence', () => {
  it('takes a country at the start of a sentence and the nations of the United Kingdom', () => {
    expect(found('Deutschland ist für mich immer noch fremd, sagt sie.')).toContain('Deutschland')
    expect(found('Client: Maybe. In England we would just pretend nothing happened.')).toContain('England')
    expect(found('Scotland was cold, but the people were kind to us.')).toContain('Scotland')
    expect(found('Mia sorella vive in Inghilterra da dieci anni.')).toContain('Inghilterra')
    expect(found('Mi primo trabaja en Escocia, en una granja.')).toContain('Escocia')
  })
  it('keeps country names that are words of the language without a place cue', () => {
    expect(run('Polen sind die Enden eines Magneten, hat er erklärt.')).toContain('Polen sind')
    expect(run('Turkey with cranberries was the best part of the evening.')).toContain('Turkey with')
    expect(run('In Ruhe nachdenken, das brauche ich jetzt.')).toContain('In Ruhe')
  })
})

describe('a dateline: a place opening a line, a comma and a date', () => {
  it('takes the place even where it is also a word', () => {
    expect(found('Lugano, miércoles\nHoy terminé temprano y fui al parque.')).toContain('Lugano')
    expect(found('Eintrag\nZug, 3. März\nHeute war ein guter Tag.')).toContain('Zug')
  })
  it('keeps words before a comma that are no dateline', () => {
    const out = run('Gut, Montag geht.\nRuhe, endlich Ruhe.\nZug, Bus und Velo: alles war voll.')
    expect(out).toContain('Gut, Montag')
    expect(out).toContain('Ruhe, endlich')
    expect(out).toContain('Zug, Bus')
  })
})

describe('a place after a firm named by its owner', () => {
  it('takes a listed place after a name and "in", also a place that is a noun', () => {
    expect(found('sie reitet beim reitstall gisler in cham jeden mittwoch')).toContain('cham')
    expect(found('ich bin maurer bei der firma kälin in steinen es läuft gut')).toContain('steinen')
  })
  it('keeps "in" phrases that are no place', () => {
    const out = run('Ich war bei Anna in Ruhe und habe mit Beat in Arbeit gesteckt.')
    expect(out).toContain('in Ruhe')
    expect(out).toContain('in Arbeit')
  })
})

describe('the region after a public body, also a noun', () => {
  it('takes a listed place that is also a word after KESB or the Sozialdienst', () => {
    expect(found('Klientin: Bei der KESB Zug. Gestern kam der Brief.')).toContain('Zug')
    expect(found('Das RAV Zug hat angerufen, der Termin ist am Montag.')).toContain('Zug')
  })
  it('keeps the body and a noun that is no place', () => {
    const out = run('Die KESB Abklärung dauert. Die IV Rente kommt später.')
    expect(out).toContain('KESB Abklärung')
    expect(out).toContain('IV Rente')
  })
})

describe('a lower-case street after an article of place', () => {
  it('takes a street compound on an infinitive or on a people name in -er', () => {
    expect(found('die schicht im laden in der stampfengasse war lang')).toContain('stampfengasse')
    expect(found('der kiosk an der walliserstrasse hat immer offen')).toContain('walliserstrasse')
  })
  it('keeps the kinds of street', () => {
    const out = run(
      'wir wohnen in der sackgasse an der hauptstrasse und an der wasserstrasse und in der seitengasse an der landstrasse',
    )
    for (const w of ['sackgasse', 'hauptstrasse', 'wasserstrasse', 'seitengasse', 'landstrasse'])
      expect(out).toContain(w)
  })
})

describe('wineries and the Swiss Apothek as naming heads', () => {
  it('takes the name after the head', () => {
    expect(found('Nach zehn Jahren beim Weingut Adler will ich etwas Eigenes.', 'ORGANIZATION')).toContain(
      'Weingut Adler',
    )
    expect(found('I schaffe i de Apothek zur Linde.', 'ORGANIZATION').join(' ')).toContain('Apothek')
  })
  it('keeps the head alone', () => {
    const out = run('Im Weingut haben wir Trauben gelesen, dann ging ich in die Apotheke.')
    expect(out).toContain('Im Weingut haben')
    expect(out).toContain('Trauben')
  })
})

describe('an unknown capitalised word before "di"/"de" and a town in Italian and Spanish', () => {
  it('takes the firm before its seat', () => {
    expect(found('Mio padre dice che c’è posto alla Vetrox di Chiasso.', 'ORGANIZATION')).toContain('Vetrox')
    expect(run('Mi hermano trabaja en la Metalsur de Valencia.')).not.toContain('Metalsur')
  })
  it('keeps words of the language before a town', () => {
    const out = run('Siamo andati alla Stazione di Lugano e poi alla Festa di Bellinzona.')
    expect(out).toContain('alla Stazione di')
    expect(out).toContain('alla Festa di')
  })
})
