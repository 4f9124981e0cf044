import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { detectLanguage, tokenize } from '@/lib/privacy/pseudonymize/tokens'

// R7.2: content words that look like names stay (keep rate), made-up sentences only.
const run = (text: string, client?: string, coach?: string) =>
  pseudonymize(text, {
    client: client ? { name: client } : undefined,
    coach: coach ? { name: coach } : undefined,
  }).text

describe('R7.2 keep words: Eastern Swiss German is German', () => {
  it('"I bi mit em Hond …" with its many "i" is no English text', () => {
    const text = 'Hüt bi i mit em Hond ufs Feld ond i ha gmeint, i söll öb i wött. I ha kei Zit gha.'
    expect(detectLanguage(tokenize(text))).toBe('de')
    expect(
      run(
        'Hüt isch en schöne Tag, eso e rechte Altweibersommer. I bi mit em Hond go laufe ond i ha Angscht vor em Infarkt.',
      ),
    ).toContain('Altweibersommer')
  })
})
