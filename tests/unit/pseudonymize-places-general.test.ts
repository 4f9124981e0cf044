import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7: places without a cue word — countries, place-name compounds, districts, dialect forms. Made-up sentences.
const now = new Date('2026-12-07T12:00:00Z')
const places = (text: string) =>
  pseudonymize(text, { now })
    .mapping.entries.filter((e) => e.type === 'LOCATION')
    .map((e) => e.value)

describe('countries (Intl.DisplayNames, de/en/it/es/fr)', () => {
  it('replaces country names in the four languages', () => {
    expect(places('Meine Tante lebt seit Jahren in Kanada und schreibt selten.')).toContain('Kanada')
    expect(places('Her brother moved to Portugal last spring.')).toContain('Portugal')
    expect(places('Mio cugino lavora in Germania da due anni.')).toContain('Germania')
    expect(places('Mi madre sigue en Ucrania con mi abuela.')).toContain('Ucrania')
    expect(places('Wir haben Verwandte in den Vereinigten Staaten und in Sri Lanka.')).toContain('Sri Lanka')
  })
  it('keeps nationalities, languages and ordinary words', () => {
    expect(places('Sie ist Schweizerin und spricht Portugiesisch und Französisch.')).toEqual([])
    expect(places('He ordered Thai food and an Irish coffee.')).toEqual([])
    expect(places('i had turkey and rice, then we set the china on the table.')).toEqual([])
    expect(places('mañana tengo la reunión con el equipo y después voy a casa con mi hermana.')).toEqual([])
  })
})

describe('place-name compounds after an article of place', () => {
  it('finds gorges, lakes, falls, baths, alps, squares and streets with a naming first part', () => {
    const found = places(
      'Nach dem Sturz in der Wolfetschlucht war sie lange still. Am Sonntag sind wir zum Blausee gefahren, dann ' +
        'zum Aarefall und ins Lindlibad. Morgen geht er ufe Chüealp. Wir treffen uns am Emmaplatz, der Kurs ist ' +
        'a de Oststrass und sie wohnt an der Breitgass.',
    )
    expect(found).toEqual(
      expect.arrayContaining([
        'Wolfetschlucht',
        'Blausee',
        'Aarefall',
        'Lindlibad',
        'Chüealp',
        'Emmaplatz',
        'Oststrass',
        'Breitgass',
      ]),
    )
  })
  it('keeps ordinary compounds on the same heads', () => {
    expect(
      places(
        'Wir waren am Bergsee und im Stadtpark, danach im Hallenbad, auf dem Spielplatz und am Waldweg. Nach dem ' +
          'Unfall sass er im Wartesaal und ging dann zum Sportplatz.',
      ),
    ).toEqual([])
  })
  it('takes a numbered city district', () => {
    expect(places('Sie wohnt jetzt im Chreis 5 und arbeitet im Kreis 11.')).toEqual(
      expect.arrayContaining(['Chreis 5', 'Kreis 11']),
    )
    expect(places('Wir sassen im Kreis und redeten über alles.')).toEqual([])
  })
  it('finds German place compounds after "the" in English text', () => {
    const intro =
      'Client: It was a hard week and I did not sleep well. I think the problem is that I never say what I want. '
    expect(
      places(`${intro}We drove past the Letzistadion and then walked up the Buechenberg with the dog.`),
    ).toEqual(expect.arrayContaining(['Letzistadion', 'Buechenberg']))
  })
})

describe('curated place classes and rivers in lower-case text', () => {
  it('knows Swiss German city names, islands and former city names', () => {
    const found = places(
      'Mi Brüeder wohnt z Schaffuuse und schaffet in Gänf. Im Summer gömmer uf Teneriffa. Ihr Vater isch in ' +
        'Calcutta uf d Wält cho.',
    )
    expect(found).toEqual(expect.arrayContaining(['Schaffuuse', 'Gänf', 'Teneriffa', 'Calcutta']))
    expect(places('Mi Cousin wohnt scho lang in Dütschland, sini Frau isch us Frankriich.')).toEqual(
      expect.arrayContaining(['Dütschland', 'Frankriich']),
    )
  })
  it('takes a listed river after a preposition and its article, not an ordinary word', () => {
    expect(
      places(
        'am abend bin ich noch an die limmat gegangen und habe lange an die wand gestarrt, dann ab in die stadt',
      ),
    ).toEqual(['limmat'])
  })
})

describe('places after a field label, a district word or a Spanish verb of going', () => {
  it('takes the value of a residence field and a name after a district word', () => {
    const found = places(
      'Encuesta\nLugar de residencia: Almería, cerca del mar.\nSituación: trabajo mucho.\n' +
        'Notiz: Sie wohnt im Quartier Montbrillant und arbeitet in der Stadt.',
    )
    expect(found).toEqual(expect.arrayContaining(['Almería', 'Montbrillant']))
  })
  it('takes an unknown word after "al" and a verb of going, not an ordinary noun', () => {
    const found = places(
      'Los domingos subimos al Montjuïc con los niños, y el finde fui con mi prima al aitzkorri. Después ' +
        'fuimos al cine y al gimnasio con mi hermano y volvimos al trabajo el lunes.',
    )
    expect(found).toEqual(expect.arrayContaining(['Montjuïc', 'aitzkorri']))
    expect(found).not.toContain('cine')
    expect(found).not.toContain('gimnasio')
  })
})

describe('"new" before a listed place', () => {
  it('keeps "New" with the place it names', () => {
    const intro =
      'Client: It was a hard week and I did not sleep well. I think the problem is that I never say what I want. '
    expect(places(`${intro}My sister moved from New Jersey to Basel last year.`)).toContain('New Jersey')
  })
})

describe('overlaps with a country', () => {
  it('leaves no lone particle of a span whose place a better span took', () => {
    const values = pseudonymize(
      'Coach: ¿Y el trabajo? Cliente: Trabajé ocho años en el Centro Médico Robles de Colombia y ahora limpio ' +
        'oficinas. Mi diploma de la Universidad Nacional de Colombia no vale nada aquí.',
      { now },
    ).mapping.entries.map((e) => e.value)
    expect(values).not.toContain('de')
  })
})
