import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7: places by rule-made variants, cues in lower-case dictation, codes and landmarks. Made-up sentences.
const now = new Date('2026-12-07T12:00:00Z')
const places = (text: string) =>
  pseudonymize(text, { now })
    .mapping.entries.filter((e) => e.type === 'LOCATION')
    .map((e) => e.value)

describe('variants of a listed place', () => {
  it('finds Swiss German vowel and prefix forms', () => {
    expect(places('Mini Schwöster wohnt sit zwöi Johr in Bärn und schaffet det.')).toContain('Bärn')
    expect(places('Mir sind geschter vo Chlyhüninge bis a d Grenze gloffe.')).toContain('Chlyhüninge')
  })
  it('finds localities, regions and shores named after a place', () => {
    expect(places('Mit dem Schiff sind wir bis Weggisstad gefahren.')).toContain('Weggisstad')
    expect(places('Er kommt eigentlich aus dem Bernbiet und lebt jetzt am Aareufer.')).toEqual(
      expect.arrayContaining(['Aareufer']),
    )
    expect(places('letzten sommer waren wir oft im pilatusgebiet wandern')).toContain('pilatusgebiet')
  })
  it('keeps compounds on ordinary words', () => {
    expect(places('Im Waldgebiet hinter dem Bergdorf war es still, wir sassen am Seeufer.')).toEqual([])
  })
})

describe('lower-case places after a place preposition', () => {
  it('finds a country that reads as a noun and a place that is a word only in another language', () => {
    expect(places('ich hab das mittel aus frankreich mitgebracht und es hilft')).toContain('frankreich')
    expect(places('la mia vicina è andata a como per lavoro e torna domani')).toContain('como')
  })
  it('keeps the word in its own language', () => {
    expect(places('yo lo hago como siempre y después voy a casa')).toEqual([])
  })
  it('finds a listed place that is an inflected adjective when no noun follows', () => {
    expect(places('der arzt in wohlen hat mir das gesagt')).toContain('wohlen')
    expect(places('wir kommen in kleinen schritten weiter')).toEqual([])
  })
  it('finds a listed place before its canton', () => {
    expect(places('antwort wohnort speicher appenzell ausserrhoden seit zehn jahren')).toContain('speicher')
    expect(places('Sie wohnt jetzt in Speicher AR bei ihrer Tochter.')).toContain('Speicher AR')
  })
})

describe('codes and landmarks', () => {
  it('finds country abbreviations and road numbers after a place cue', () => {
    expect(places('My cousin moved back to the UK after the wedding.')).toContain('UK')
    expect(places('We were stuck for two hours on the M25 last Friday.')).toContain('M25')
    expect(places('Wir standen gestern auf der A1 im Stau.')).toContain('A1')
  })
  it('keeps language levels and paper sizes', () => {
    expect(places('I am on the A2 course now and it goes well.')).toEqual([])
    expect(places('Ich habe auf der A1-Stufe angefangen und ein Blatt in A4 genommen.')).toEqual([])
  })
  it('finds a landmark named with a capitalised adjective', () => {
    expect(places('Wir haben uns beim Oberen Tor getroffen.')).toContain('Oberen Tor')
    expect(places('Wir haben uns beim oberen Tor getroffen.')).toEqual([])
  })
  it('finds a German landmark noun in an English text and an unknown place after "bis"', () => {
    expect(places('We met outside the Hauptbahnhof before the train left.')).toContain('Hauptbahnhof')
    expect(places('Am Sonntag fahren wir mit dem Velo bis Rheinweiler.')).toContain('Rheinweiler')
    expect(places('Wir bleiben bis Montag und bis Weihnachten.')).toEqual([])
  })
  it('finds a square named with an adjective', () => {
    expect(places('Die Baustelle am Zentralplatz nervt alle, am Spielplatz ist es ruhig.')).toEqual([
      'Zentralplatz',
    ])
  })
})

describe('first-level subdivisions of foreign countries', () => {
  it('finds states, Länder and regions', () => {
    expect(places('Mein Schwager arbeitet seit Jahren in Niedersachsen.')).toContain('Niedersachsen')
    expect(places('vivo en monterrey nuevo león desde hace años')).toEqual(
      expect.arrayContaining(['nuevo león']),
    )
    expect(places('Mia nonna abita ancora in Basilicata.')).toContain('Basilicata')
  })
})

describe('Mexican neighbourhoods', () => {
  it('finds the colonia before the street and keeps the ordinary noun', () => {
    expect(
      places('pregunta dónde vive / respuesta vivimos en la colonia moderna calle juárez desde hace años'),
    ).toContain('moderna')
    expect(places('mi abuelo me contaba de la colonia moderna de la ciudad y de su gente')).not.toContain(
      'moderna',
    )
  })
})
