import { describe, expect, it } from 'vitest'
import { negotiateLocale } from '@/lib/i18n/locale'

describe('R1.3 language before sign-in from Accept-Language (de-CH default, en)', () => {
  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['de-CH', 'de'],
    ['de-CH,de;q=0.9,en;q=0.8', 'de'],
    ['en;q=0.5,de;q=0.8', 'de'],
    ['fr-CH,fr;q=0.9,en;q=0.8', 'en'],
    ['fr-CH,it;q=0.9', 'de'],
    ['EN-us', 'en'],
    ['en;q=0', 'de'],
    ['en;q=abc', 'de'],
    ['*', 'de'],
    ['', 'de'],
    [null, 'de'],
  ] as const)('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected)
  })

  it('among equal preferences the first listed wins', () => {
    expect(negotiateLocale('en, de')).toBe('en')
    expect(negotiateLocale('de, en')).toBe('de')
  })
})
