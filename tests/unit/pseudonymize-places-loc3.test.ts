import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2 (places and dates of birth are pseudonymised, ordinary words kept): rules of branch pii-r-loc3 — streets
// named by any first part, dialect street and month spellings, plurals and countries after a bare preposition in
// dictation, datelines, names listed only with marks. Made-up sentences only.
const run = pseudonymized
const of = foundOfType

describe('streets', () => {
  it('takes a street after an article of place whatever its first part', () => {
    expect(run('mir treffed üs a de Rigistross vor em kafi')).not.toContain('Rigistross')
    expect(run('sie jobbt im laden an der hirschmattstrasse seit märz')).not.toContain('hirschmattstrasse')
    expect(run('Das Atelier liegt an der Lindenbergstrasse, gleich hinter der Kirche.')).not.toContain(
      'Lindenbergstrasse',
    )
  })
  it('takes a way before the town it lies in', () => {
    expect(run('Sie wohnt jetzt bei ihrer Tante am Tulpenweg in Wattenwil.')).not.toContain('Tulpenweg')
  })
  it('keeps kinds of road and ways home', () => {
    expect(run('Unsere Beziehung ist eine Einbahnstrasse, ich stehe in der Sackgasse.')).toContain(
      'Einbahnstrasse',
    )
    expect(run('Am Heimweg in Thun habe ich lange nachgedacht.')).toContain('Heimweg')
    expect(run('Wir sind am Waldweg entlang gegangen.')).toContain('Waldweg')
  })
  it('keeps the office word before its street', () => {
    const out = run('Ich sass bis spät im Büro an der Grubenstrasse.')
    expect(out).toContain('im Büro an der')
    expect(out).not.toContain('Grubenstrasse')
  })
})

describe('dates of birth in Swiss German', () => {
  it('reads dialect month names and "gebore"', () => {
    expect(of('Ich bi gebore am 3. Septämber 1998 in Thun.', 'DATE_OF_BIRTH')).toEqual(['3. Septämber 1998'])
    expect(of('Geburtsdatum: 14. Auguscht 2001', 'DATE_OF_BIRTH')).toEqual(['14. Auguscht 2001'])
  })
  it('leaves a date that is no birth date a date', () => {
    expect(of('Am 3. Dezämber 2025 hani mis Zügnis übercho.', 'DATE_OF_BIRTH')).toEqual([])
  })
})

describe('places in lower-case dictation', () => {
  it('takes a place whose word is only a plural after a bare preposition', () => {
    expect(of('am abend sind wir noch nach erlen gefahren und haben gegessen', 'LOCATION')).toContain('erlen')
    expect(of('mein bruder aus schlieren hat angerufen', 'LOCATION')).toContain('schlieren')
  })
  it('takes a country that is also a word', () => {
    expect(of('die firma hat alles nach polen verlegt und ich war arbeitslos', 'LOCATION')).toContain('polen')
  })
  it('keeps set phrases with a plural', () => {
    const out = run('ich zahle das sofa in raten ab und nach jahren ist es dann meins, in meilen gemessen')
    expect(out).toContain('in raten')
    expect(out).toContain('nach jahren')
    expect(out).toContain('in meilen')
  })
})

describe('datelines', () => {
  it('takes a place that is also a surname before a full date', () => {
    expect(of('Valencia, 12 de marzo\n\nHoy fue un día largo.', 'LOCATION')).toContain('Valencia')
  })
})

describe('names listed only with marks', () => {
  it('keeps the word their bare spelling is', () => {
    const out = run(
      'Am Nachmittag bin ich am Bach entlang gelaufen, der Bach war laut. Wir setzen auf Solar.',
    )
    expect(out).toContain('am Bach')
    expect(out).toContain('der Bach')
    expect(out).toContain('auf Solar')
  })
  it('still takes the name as written with its marks', () => {
    expect(run('Gestern rief Frau Šolar an, und Herr Bach kam vorbei.')).not.toMatch(/Šolar|Bach/)
  })
})

describe('firm names and dialect words', () => {
  it('ends an inn name before an ordinary word', () => {
    const out = run('Wir haben im Gasthaus Seeblick Rösti gegessen.')
    expect(out).toContain('Rösti gegessen')
    expect(out).not.toContain('Seeblick')
  })
  it('reads ä as e in an unknown dialect word', () => {
    expect(run('Hüt am Morge isch dr Näbel no im Tal ghanget.')).toContain('Näbel')
  })
})
