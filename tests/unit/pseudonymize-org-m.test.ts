import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: organisation rules added after unseen set M (and the organisation misses of H–L), on made-up sentences.
// Each rule has a keep trap next to it: the same words without the shape that makes them a name stay.
const now = new Date('2026-12-07T12:00:00Z')
const out = (text: string) => pseudonymize(text, { now }).text

describe('R7.2 Guggenmusik spellings and village bands', () => {
  it('the name after any spelling of Guggenmusig; the type word stays', () => {
    const text = out('Am Umzug lauf i mit der Guuggenmusig Fägnäscht Brüeder dur d Stadt.')
    expect(text).not.toContain('Fägnäscht Brüeder')
    expect(text).toContain('Guuggenmusig')
    expect(out('Mir spiele i de Guggämusig Chnörzi Chlepfer.')).not.toContain('Chnörzi')
  })
  it('a band ("Musig") only before a word no dictionary knows', () => {
    expect(out('Am Fäscht spielt d Musig Rafzerfäld Bläser.')).not.toContain('Rafzerfäld')
  })
  it('keep: the type words alone and music as a word', () => {
    expect(out('D Guuggenmusig isch lut gsi, und d Clique au.')).toContain('Guuggenmusig')
    expect(out('Ich lose gern Musig Zuhause.')).toContain('Musig Zuhause')
  })
})

describe('R7.2 clubs with their seat', () => {
  it('a listed place after a club word, also a place that is a word', () => {
    expect(out('Am Samstag spielt er im FC Wil als Verteidiger.')).not.toContain('Wil')
    expect(out('Mein Vater spielt Boccia im Club Sportivo Buchs, das hilft ihm.')).not.toContain('Buchs')
    expect(out('Andiamo ogni domenica al Circolo Ticinese di Zurigo.')).not.toContain('Ticinese')
  })
  it('keep: a noun after a head that goes on the sentence, a club as a word', () => {
    expect(out('Nach der Schule Zug fahren ist mühsam.')).toContain('Schule Zug fahren')
    expect(out('Im Club haben wir Freunde gefunden.')).toContain('Club haben wir Freunde')
  })
})

describe('R7.2 institutions a canton or a university has one of', () => {
  it('the word alone names it', () => {
    expect(out('Meine Schwester arbeitet im Kantonsspital in der Pflege.')).not.toContain('Kantonsspital')
    expect(out('Er geht noch in die Kantonsschule.')).not.toContain('Kantonsschule')
    expect(out('sie liegt seit gestern im universitätsspital und schläft viel')).not.toContain(
      'universitätsspital',
    )
  })
  it('keep: an indefinite, a plural, a place adjective before it stays one name', () => {
    expect(out('In einem Kantonsspital ist es anders.')).toContain('Kantonsspital')
    expect(out('Die Kantonsspitäler müssen sparen.')).toContain('Kantonsspitäler')
    expect(out('Ein Spital ist kein Hotel.')).toContain('Ein Spital')
    const bank = out('Sie arbeitet bei der Glarner Kantonalbank am Schalter.')
    expect(bank).toMatch(/der \[ORGANISATION_1\] am/)
  })
})

describe('R7.2 offices named by their field', () => {
  it('"Amt für" and its field, also in lower case and with "und"', () => {
    expect(out('Im Amt für Jugend und Berufsberatung sind alle überlastet.')).not.toContain('Berufsberatung')
    expect(out('mein antrag liegt beim amt für migration und ich warte')).not.toContain('amt für migration')
  })
  it('keep: a term of office and the phrase "für … sorgen"', () => {
    expect(out('Sie hat das Amt für vier Jahre übernommen.')).toContain('Amt für vier Jahre')
    expect(out('Er blieb im Amt für Jahre.')).toContain('Amt für Jahre')
    expect(out('Er hat im Amt für Ordnung gesorgt.')).toContain('Amt für Ordnung')
  })
})

describe('R7.2 Italian and Spanish bodies capitalised mid-sentence', () => {
  it('the lower-case words of the name after the body', () => {
    const it1 = out('Lavoro da due anni al Dipartimento del territorio e mi piace.')
    expect(it1).not.toContain('del territorio')
    expect(
      out('Mia zia va alla Società ginnastica luganese ogni martedì, perché non vuole stare sola.'),
    ).not.toContain('ginnastica')
    expect(out('Me ayudó mucho la Asociación de vecinos del barrio.')).not.toContain('vecinos')
  })
  it('keep: the same words in lower case, at a sentence start, and "Centro diurno"', () => {
    expect(out('Il servizio sociale mi ha aiutato molto.')).toContain('servizio sociale')
    expect(out('Servizio ottimo, grazie mille.')).toContain('Servizio ottimo')
    expect(out('Domani vado al Centro diurno con mia madre.')).toContain('Centro diurno')
  })
})

describe('R7.2 a capitalised adjective before an institution', () => {
  it('mid-sentence after an article or a contracted preposition, with the head name', () => {
    expect(out('Sie hilft als Freiwillige im Historischen Museum mit.')).not.toContain('Historischen')
    const text = out('Er hat die Prüfung am Landwirtschaftlichen Zentrum Rüttihof bestanden.')
    expect(text).toMatch(/am \[ORGANISATION_1\] bestanden/)
    // Swiss German articles too; the -lich/-isch adjective before a compound service.
    expect(out('Mir sind bi de Ländlichen Paarberatung gsi.')).not.toContain('Ländlichen')
  })
  it('keep: a lower-case adjective and set phrases', () => {
    expect(out('Wir waren im alten Museum und im Grossen und Ganzen zufrieden.')).toContain('alten Museum')
    expect(out('Das Neue Jahr fängt gut an.')).toContain('Neue Jahr')
    expect(out('Mir händ am Sunntig de Schöne Tag gnosse.')).toContain('Schöne Tag')
  })
})

describe('R7.2 dictated firms with a short legal form, hotel compounds, place adjective + compound head', () => {
  it('"bei der <unknown word> ag" in a lower-case line', () => {
    expect(out('ich bin seit zwei jahren monteur bei der brändi ag in sursee')).not.toContain('brändi ag')
  })
  it('keep: an ordinary noun before "ag"', () => {
    expect(out('ich war bei der arbeit ag und danach müde')).toContain('arbeit ag')
  })
  it('a hotel compound with its name, a place adjective with a compound head and its name', () => {
    expect(out('Sie arbeitet an der Rezeption im Berghotel Fluhalp, oberhalb vom Dorf.')).not.toContain(
      'Fluhalp',
    )
    const school = out('Er war Skilehrer bei der Schweizer Skischule Lenk. Jetzt nicht mehr.')
    expect(school).toMatch(/der \[ORGANISATION_1\]\./)
    expect(out('Der Deutschkurs im Basler Kurszentrum hilft mir.')).not.toContain('Kurszentrum')
  })
  it('keep: a hotel compound before a noun that goes on the sentence', () => {
    expect(out('Wir haben im Waldhotel Frühstück gegessen.')).toContain('Frühstück')
  })
})
