import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: organisation, e-mail and medication rules added after unseen set H, on made-up sentences.
const now = new Date('2026-12-07T12:00:00Z')
const out = (text: string) => pseudonymize(text, { now }).text

describe('R7.2 listed organisations in German inflection', () => {
  it('adjective endings and the dative plural of a listed multi-word name', () => {
    expect(out('Der Zug der Rhätischen Bahn hatte wieder Verspätung.')).not.toContain('Rhätischen Bahn')
    expect(out('Mein Onkel geht seit einem Jahr zu den Anonymen Alkoholikern.')).not.toContain('Alkoholikern')
  })
})

describe('R7.2 spoken e-mail addresses', () => {
  it('local part, a spoken at and a spoken dot before a top-level domain', () => {
    expect(out('mi correo es lu.ortiz88 arroba gmail punto com gracias')).not.toContain('ortiz88')
    expect(out('scrivimi a marta punto bianchi chiocciola libero punto it quando vuoi')).not.toContain(
      'bianchi chiocciola',
    )
    expect(out('mini adrässe isch r.huber ät bluewin punkt ch')).not.toContain('huber')
  })
  it('a known name inside a spoken address goes with the address', () => {
    const text = pseudonymize('schreib mir an nora punkt kessler at gmail punkt com danke', {
      now,
      client: { name: 'Nora Kessler' },
    }).text
    expect(text).toMatch(/an \[EMAIL_1\] danke/)
  })
  it('English "at" and "dot" alone are no address', () => {
    expect(out('I was at home dot com bubble talk all night.')).toContain('at home dot com')
  })
})

describe('R7.2 Swiss German spellings of organisations', () => {
  it('a dialect place adjective before an institution, and "Ch" for initial K', () => {
    expect(out('Er lag drei Wochen im Luzärner Kantonsspital.')).not.toContain('Luzärner')
    expect(out('D Chrebsliga het mer e Beraterin vermittlet.')).not.toContain('Chrebsliga')
  })
})

describe('R7.2 fairs and firms before a hyphen', () => {
  it('a fair named by a word that is no ordinary word, not a kind of fair', () => {
    expect(out('Im Herbst arbeitete sie an der Brava-Messe am Stand.')).not.toContain('Brava-Messe')
    expect(out('Wir waren an der Hochzeits-Messe und an der Auto-Messe.')).toContain('Hochzeits-Messe')
  })
  it('a listed firm that is also a word before a part of a firm', () => {
    expect(out('Ich bin jetzt in der Omega-Abteilung für die Montage.')).not.toContain('Omega')
  })
})

describe('R7.2 employers that are also words', () => {
  it('after a word of working there, with an article', () => {
    expect(out('Er hat die Lehre als Logistiker EFZ bei der Post gemacht.')).not.toContain('Post ')
    expect(out('Gestern habe ich Post von meiner Tante bekommen.')).toContain('Post')
  })
  it('after a word of leaving it, also in lower-case dictation', () => {
    expect(out('ich wurde letztes jahr frühpensioniert von der swiss und hab jetzt zeit')).not.toContain(
      'der swiss',
    )
    expect(out('wir schreiben uns per whatsapp und telefonieren am sonntag')).toContain('whatsapp')
  })
})

describe('R7.2 herbal remedies', () => {
  it('a medication where taking or trying it is said, a plant elsewhere', () => {
    expect(out('Ich nehme seit einer Woche Baldrian zum Einschlafen.')).not.toContain('Baldrian')
    expect(out('Im Garten meiner Mutter blüht der Baldrian neben dem Salbei.')).toContain('Baldrian')
  })
})

describe('R7.2 Italian qualified heads', () => {
  it('a lower-case name after "asilo nido"', () => {
    expect(out('lavoro da due anni all asilo nido girasole di mendrisio')).not.toContain('girasole')
  })
})
