import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2 (organisations are pseudonymised, ordinary words kept): cue-based organisation rules of round pii-r-org2.
// Made-up sentences only; each rule with its keep traps.
const run = pseudonymized
const orgs = (text: string) => foundOfType(text, 'ORGANIZATION')

describe('English "at the X": a venue or institution no dictionary knows', () => {
  it('takes the word after a place preposition and "the"', () => {
    expect(orgs('Client: Everyone at the Marzello knows me, even the cook.')).toContain('Marzello')
    expect(orgs('Client: I could go to the Tamborin in Locarno with her.')).toContain('Tamborin')
    expect(orgs('Client: I sat in the car outside the Quickmart for an hour.')).toContain('Quickmart')
    expect(orgs('Client: My sister works at the Kulturzentrum now, three days a week.')).toContain(
      'Kulturzentrum',
    )
  })
  it('keeps English words, German nouns and compounds, and places', () => {
    const out = run(
      'Client: He works at night. We met at the Station, then at the Bahnhof and at the Stammtisch in Bern.',
    )
    expect(out).toContain('at night')
    expect(out).toContain('at the Station')
    expect(out).toContain('at the Bahnhof')
    expect(out).toContain('at the Stammtisch')
    expect(run('Client: We walked to the Schulhaus and back.')).toContain('the Schulhaus')
  })
})

describe('an employer no dictionary knows after a word of working', () => {
  it('takes the firm in any of the languages', () => {
    expect(orgs('Mein Bruder arbeitet bei Vetronix, seit zwei Jahren.')).toContain('Vetronix')
    expect(orgs('Client: My wife works at Quintello as a nurse.')).toContain('Quintello')
  })
  it('keeps ordinary words after the same cues', () => {
    const out = run(
      'Ich arbeite bei Regen nicht gern. He works at home. Lavoro presso casa. Trabajo en equipo.',
    )
    expect(out).toContain('bei Regen')
    expect(out).toContain('at home')
    expect(out).toContain('presso casa')
    expect(out).toContain('en equipo')
  })
})

describe('"bei (der) X in <place>": a firm or school with its branch', () => {
  it('takes a word no dictionary knows, capitalised or in a lower-case line', () => {
    expect(orgs('Ich habe einen Termin bei Zentrix in Basel, nächste Woche.')).toContain('Zentrix')
    expect(orgs('ich mache jetzt einen kurs bei der cefor in biel jeden montag')).toContain('cefor')
    expect(orgs('sie hat mir die adresse vom kbz in stans gegeben')).toContain('kbz')
  })
  it('keeps nouns, nominalised verbs, given names and dialect words', () => {
    const out = run(
      'Ich war beim Wandern in Davos, bei Regen in Bern und bei Anna in Chur. Direktverkauf am Märit in Biel. Gamen, chli jobben bi de Tanke z Muri.',
    )
    expect(out).toContain('beim Wandern')
    expect(out).toContain('bei Regen')
    expect(out).toContain('am Märit')
    expect(out).toContain('bi de Tanke')
  })
})

describe('camel-case brands with a place, French offices', () => {
  it('takes "GastroZug" and the office with its field', () => {
    expect(orgs('Terminé el curso de cocina de GastroZug el mes pasado.')).toContain('GastroZug')
    expect(
      orgs('Client: The Service de la population et des migrations wants my contract by June.'),
    ).toContain('Service de la population et des migrations')
  })
  it('keeps products and a lower-case service', () => {
    const out = run('Ich habe das auf WhatsApp und dem MacBook gezeigt. Le service de la dette est fermé.')
    expect(out).toContain('WhatsApp')
    expect(out).toContain('MacBook')
    expect(out).toContain('service de la dette')
  })
})

describe('an adjective name after a head word in a place phrase', () => {
  it('takes "kita sonnig" where the clause ends or goes on with "und" or a place', () => {
    expect(orgs('ich arbeite jetzt in der kita sonnig und das macht mir freude')).toContain('kita sonnig')
    expect(orgs('wir waren gestern in der kita fröhlich in baar')).toContain('kita fröhlich')
  })
  it('keeps adverbs and predicates after a head word', () => {
    const out = run(
      'ich finde die kita toll. wir haben in der kita lustig gespielt und im spital ambulant behandelt',
    )
    expect(out).toContain('kita toll')
    expect(out).toContain('kita lustig gespielt')
    expect(out).toContain('spital ambulant')
  })
})

describe('new heads: counselling offices, -dienst compounds, Romance words for a firm or union', () => {
  it('takes the name after them (the Romance head word stays)', () => {
    expect(orgs('ich will die nummer von der fachstelle kindsverlust aufschreiben')).toContain(
      'fachstelle kindsverlust',
    )
    expect(orgs('Ich habe beim Besuchsdienst Rheintal angerufen.')).toContain('Besuchsdienst Rheintal')
    const it = run('Un collega del sindacato UNAV dice di no. Lavoro nella ditta Vetrox da due anni.')
    expect(it).toContain('sindacato [')
    expect(it).toContain('ditta [')
    expect(it).not.toContain('Vetrox')
  })
  it('keeps a noun after a -dienst compound and a lower-case word after a Romance firm word', () => {
    expect(run('Im Zivildienst Freunde gefunden, das war gut.')).toContain('Zivildienst Freunde')
    const out = run('Trabajo en la empresa familiar desde hace años. El sindicato nos ayudó mucho.')
    expect(out).toContain('empresa familiar')
    expect(out).toContain('sindicato')
  })
})

describe('Italian: a noun with a capital after a contracted article is a name', () => {
  it('takes "al Politecnico", "della Sapienza", "alle Poste" and an employer after "lavoravo alla"', () => {
    const found = orgs(
      'Mi sono chiusa in bagno al Politecnico a piangere. Poi da un bagno della Sapienza ho chiamato. Come quando lavoravo alle Poste. Lavoravo alla Tecnolux a Giubiasco.',
    )
    expect(found).toEqual(expect.arrayContaining(['Politecnico', 'Sapienza', 'Poste', 'Tecnolux']))
  })
  it('keeps the capitalised public bodies, a kind before its name and an infinitive after "a"', () => {
    const out = run(
      'Sono andata al Comune e poi alla Madonna del Sasso. Al Pronto soccorso ero sola. Siamo andati al Politecnico a studiare.',
    )
    expect(out).toContain('al Comune')
    expect(out).toContain('Pronto soccorso')
    expect(out).toContain('a studiare')
  })
})

describe('a trade word and a name; a group named by a word no dictionary knows', () => {
  it('takes "Immobilien Stamm AG", "holzbau näf" after "von der", "Gruppe Airiños"', () => {
    expect(orgs('Die Immobilien Stamm AG hat uns ein Angebot gemacht.')).toContain('Immobilien Stamm AG')
    expect(orgs('am freitag war das firmenessen von der holzbau wyrsch in ebnat und alle')).toContain(
      'holzbau wyrsch',
    )
    expect(orgs('Ich tanze Muiñeira mit der Gruppe Airiños in Bern.')).toContain('Airiños')
  })
  it('keeps ordinary words after a trade or group word', () => {
    const out = run(
      'in der gruppe heute war es gut. von der holzbau firma in bern kam niemand. Die Gruppe Anna war da.',
    )
    expect(out).toContain('holzbau firma')
    expect(out).toContain('gruppe heute')
  })
})

describe('an inn after the Swiss neuter article; the hospice as a head', () => {
  it('takes "s Rössli" where the sentence speaks of an inn, and "Hospiz Zürcher Lighthouse"', () => {
    expect(orgs('Min Götti het e Beiz z Sins, s Rössli. Er seit, ich chönnt cho.')).toContain('Rössli')
    expect(orgs('Den Humor hatte er bis zuletzt im Hospiz Zürcher Lighthouse.')).toContain(
      'Hospiz Zürcher Lighthouse',
    )
  })
  it('keeps the little horse and a noun after the hospice', () => {
    expect(run('S Rössli isch mis Lieblingstier, s Rössli im Stall.')).toContain('s Rössli im Stall')
    expect(run('Er hat im Hospiz Ruhe gefunden.')).toContain('Hospiz Ruhe')
  })
})
