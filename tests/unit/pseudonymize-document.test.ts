import { describe, expect, it } from 'vitest'
import { findLeaks, PseudonymizationLeakError, assertNoLeak, pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2 / R7.7: what holds for a whole document — every form of a found entity goes, the coach's masked
// tokens go everywhere and join the mapping, suspects are reported, and the leak check knows all of it.
const now = new Date('2026-11-30T12:00:00Z')

describe('R7.2 document-level propagation', () => {
  it('a name found once is replaced everywhere: any case, genitive, particles, diminutive', () => {
    const out = pseudonymize(
      'Frau Imhof war heute da. Später meinte imhof, Imhofs Satz sei wichtig. Herr von Schwendi kam. Von Schwendi will wieder kommen. Mein Bruder Ruedi, de Ruedeli, lacht.',
      { now },
    ).text
    for (const leak of ['Imhof', 'imhof', 'Schwendi', 'Ruedi', 'Ruedeli']) expect(out).not.toContain(leak)
    expect(out).not.toMatch(/Von \[/)
    expect(out.match(/\[PERSON_1\]/g)?.length).toBe(3)
  })

  it('an ordinary word found as a name elsewhere is replaced only where written as a name', () => {
    const out = pseudonymize(
      'Dr. Adler ist korrekt. Adler sagt nie, ob etwas gut war. Ein adler flog vorbei.',
      {
        now,
      },
    ).text
    expect(out).not.toContain('Adler')
    expect(out).toContain('ein adler'.replace('ein', 'Ein'))
  })

  it("forms from the client's stored mapping are found in a later text", () => {
    const first = pseudonymize('Mein Götti Sepp Arnold kommt.', { now })
    const second = pseudonymize('arnold het aglüte, und Arnolds Frau au.', { now, mapping: first.mapping })
    expect(second.text).not.toMatch(/arnold/i)
  })
})

describe('R7.7 masked tokens and suspects', () => {
  it('reports what may still identify someone, with a reason and a score, at its place in the output', () => {
    const result = pseudonymize('Ich habe mit Quarnström über die Arbeit geredet.', { now })
    const suspect = result.suspects.find((s) => s.value === 'Quarnström')
    if (result.text.includes('Quarnström')) {
      expect(suspect).toMatchObject({ reason: 'unknown-word' })
      expect(result.text.slice(suspect!.start, suspect!.end)).toBe('Quarnström')
    } else expect(result.text).toMatch(/\[PERSON_1\]/)
    const kept = pseudonymize('Ich habe mit der Zauberflöte geübt und mit Wolke gesprochen.', { now })
    for (const s of kept.suspects) expect(kept.text.slice(s.start, s.end)).toBe(s.value)
  })

  it('a masked token is replaced everywhere, in any case, and joins the mapping as masked', () => {
    const text = 'Sonne hat mir geholfen. Die Sonne schien, sonne dich. SONNE!'
    const result = pseudonymize(text, { now, masked: [{ value: 'Sonne', type: 'PERSON' }] })
    expect(result.text).not.toMatch(/sonne/i)
    const entry = result.mapping.entries.find((e) => e.value === 'Sonne')
    expect(entry).toMatchObject({ type: 'PERSON', masked: true })
    // Masked stays masked in the client's next text, through the mapping alone.
    expect(pseudonymize('sonne ist wieder da', { now, mapping: result.mapping }).text).not.toMatch(/sonne/i)
  })

  it('the leak check refuses masked tokens and propagated forms of known entities', () => {
    expect(findLeaks('Heute war sonne da.', { masked: [{ value: 'Sonne' }] })).toEqual(['PERSON'])
    const known = { client: { name: 'Martina von Gunten' } }
    expect(() => assertNoLeak('Von Guntens Mutter', known)).toThrow(PseudonymizationLeakError)
    expect(() => assertNoLeak('Tini kommt', { client: { name: 'Martina Tini-Huber' } })).toThrow(
      PseudonymizationLeakError,
    )
    const result = pseudonymize('Frau Imhof kam. Imhofs Tochter auch.', { now })
    expect(findLeaks('imhof meint', {}, result.mapping)).toEqual(['PERSON'])
  })
})
