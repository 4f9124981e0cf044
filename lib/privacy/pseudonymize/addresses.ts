import type { Gazetteer } from './gazetteer'
import { fold } from './normalize'
import type { Span } from './types'

/**
 * Street addresses and postal code + place. Swiss spelling (Strasse, no ß) first, then the usual forms
 * in French, Italian, Spanish and English. An address is one span from street to town.
 */
const STREET_SUFFIX =
  'strasse|straße|str\\.|weg|gasse|gässli|platz|rain|halde|matte|quai|allee|ring|graben|steig|stutz|hof|acker|' +
  'bühl|wies|wiese|egg|höhe|park|strässli|weid|boden|berg|feld|rank|winkel|promenade|damm'
const CAP = "\\p{Lu}[\\p{L}\\p{M}.'-]*"
const NUMBER = '\\d{1,4}\\s?[a-zA-Z]?(?![\\p{L}\\p{N}])'
const PLZ_PLACE = `(?:CH-|D-|A-|I-|F-|FL-)?\\d{4,5}\\s${CAP}(?:[ -](?:${CAP}|am|an|im|bei|sur|près|de|di)){0,3}`

const STREET = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:${CAP}(?:${STREET_SUFFIX})|(?:${CAP}[ -])+(?:Strasse|Weg|Gasse|Platz|Allee|Ring))(?:\\s${NUMBER})?(?:,?\\s${PLZ_PLACE})?`,
  'gu',
)
const ROMANCE_STREET = new RegExp(
  `(?<![\\p{L}])(?:rue|chemin|avenue|av\\.|route|boulevard|place|via|viale|vicolo|piazza|corso|calle|avenida|av\\.|plaza|paseo|carrer|rua|travessa)\\s(?:(?:de|du|des|la|le|del|della|di|dei|do|da|dos|das)\\s|l')?${CAP}(?:\\s${CAP}){0,3},?\\s${NUMBER}(?:,?\\s${PLZ_PLACE})?`,
  'giu',
)
const ENGLISH_STREET = new RegExp(
  `(?<![\\p{N}])\\d{1,4}[a-z]?\\s(?:${CAP}\\s){1,3}(?:Street|St\\.|Road|Rd\\.|Lane|Avenue|Ave\\.|Close|Drive|Way|Gardens|Crescent|Place|Square|Terrace)\\b(?:,?\\s${CAP}(?:\\s${CAP})?)?`,
  'gu',
)
/** "Gertwies 27, 8476 Unterstammheim": any name + number followed by postal code and place. */
const NAME_NUMBER_PLZ = new RegExp(
  `(?<![\\p{L}\\p{M}])${CAP}(?:\\s${CAP}){0,2}\\s${NUMBER},\\s${PLZ_PLACE}`,
  'gu',
)
const PLZ_ALONE = new RegExp(`(?<![\\p{L}\\p{N}.'])${PLZ_PLACE}`, 'gu')
const ADDRESS_FIELD =
  /(?:^|\n)[ \t]*(?:wohnadresse|adresse|anschrift|address|home address|indirizzo|dirección|domicilio|adresse postale)[ \t]*:[ \t]*([^\n]+)/giu

function collect(text: string, re: RegExp, accept?: (m: string) => boolean): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(re)) {
    const value = m[0].replace(/[.,;:]+$/u, '')
    if (accept && !accept(value)) continue
    out.push({ start: m.index, end: m.index + value.length, type: 'ADDRESS', source: 'address' })
  }
  return out
}

export function addressSpans(text: string, gaz: Gazetteer): Span[] {
  const out: Span[] = []
  for (const m of text.matchAll(ADDRESS_FIELD)) {
    const value = m[1]!.replace(/\s+$/u, '')
    const start = m.index + m[0].length - m[1]!.length
    if (/\d/.test(value)) out.push({ start, end: start + value.length, type: 'ADDRESS', source: 'address' })
  }
  out.push(
    ...collect(text, STREET, (m) => {
      // "Hof", "Berg", "Feld" alone are ordinary nouns; the suffix must follow a name part or a number must follow.
      const word = m.split(/\s/)[0]!
      return /\d/.test(m) || /(?:strasse|straße|gasse|quai|allee)$/iu.test(word)
    }),
  )
  out.push(...collect(text, ROMANCE_STREET))
  out.push(...collect(text, ENGLISH_STREET))
  out.push(...collect(text, NAME_NUMBER_PLZ))
  // A postal code alone only counts before a known place or with a country prefix: 4 digits are too often a year.
  out.push(
    ...collect(text, PLZ_ALONE, (m) => {
      if (/^(CH|D|A|I|F|FL)-/.test(m)) return true
      const place = m.replace(/^\S+\s/, '')
      const firstWord = fold(place.split(/[ -]/)[0]!)
      return gaz.places.has(fold(place)) || gaz.places.has(firstWord) || gaz.multi.has(firstWord)
    }),
  )
  return out
}
