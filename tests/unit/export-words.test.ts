import { describe, expect, it } from 'vitest'
import { labelledSections } from '@/lib/account/export/sections'

// R10.1, issue 17 (one i18n path): the export's section titles, descriptions and field meanings come from the
// next-intl messages in the client's language — every field of every section has its words in both languages.

describe('R10.1 export words (de-CH and English)', () => {
  const de = labelledSections('de')
  const en = labelledSections('en')

  it.each(de.map((s) => s.key))(
    'section %s: a title, a description and a meaning for every field, in both',
    (key) => {
      for (const sections of [de, en]) {
        const s = sections.find((x) => x.key === key)!
        expect(s.title.length).toBeGreaterThan(2)
        expect(s.title).not.toContain('sections.')
        expect(s.description.length).toBeGreaterThan(10)
        expect(s.description).not.toContain('sections.')
        for (const [field, meaning] of Object.entries(s.fields)) {
          expect(meaning, `${key}.${field}`).not.toContain('sections.')
          expect(meaning.length, `${key}.${field}`).toBeGreaterThan(3)
        }
      }
    },
  )

  it('the English words are English: no section reads as its German twin', () => {
    for (const s of en) {
      const german = de.find((x) => x.key === s.key)!
      expect(s.description).not.toBe(german.description)
      expect(s.description).not.toMatch(/\b(und|oder|deine?n?|nicht)\b/)
    }
  })
})
