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
