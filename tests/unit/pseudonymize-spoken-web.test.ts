import { describe, expect, it } from 'vitest'
import { findLeaks, pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: URLs are replaced, also a web address read out in words (found on unseen set N, a lower-case dictation:
// "w w w punkt gr punkt pro senectute punkt ch"). The "www" opens it; the host's words may stand apart.
const p = (text: string) => pseudonymize(text).text

describe('R7.2 a web address read out in words', () => {
  it('is one URL span in German, English, Spanish and Italian dictation', () => {
    expect(p('ich hab auf w w w punkt gr punkt hilfe im alter punkt ch nachgeschaut')).toBe(
      'ich hab auf [URL_1] nachgeschaut',
    )
    expect(p('Look it up at www dot my-coach dot co dot uk, it helps.')).toBe(
      'Look it up at [URL_1], it helps.',
    )
    expect(p('mira en w w w punto fundacion vida punto es y llama')).toBe('mira en [URL_1] y llama')
    expect(p('guarda su www punto centro ascolto punto it per gli orari')).toBe(
      'guarda su [URL_1] per gli orari',
    )
  })

  it('needs the www and a top-level domain (keep traps)', () => {
    const plain = [
      'Er kam um neun punkt ch… nein, um zehn.',
      'wir waren bei www punkt und dann beim essen',
      'es ist punkt acht, und w w w ist ein tippfehler',
    ]
    for (const text of plain) expect(p(text)).toBe(text)
  })

  it('the leak check sees no URL left in the output', () => {
    const out = p('ich hab auf w w w punkt gr punkt hilfe im alter punkt ch nachgeschaut')
    expect(findLeaks(out)).toEqual([])
  })
})
