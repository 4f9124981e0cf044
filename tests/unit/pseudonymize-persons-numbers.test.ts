import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// Persons and number identifiers after unseen set G: IBANs of every country by their registered length,
// phone numbers in any format after a phone cue, birthdays without a year, pet forms of known names and
// naming phrases. Made-up sentences only.
const now = new Date('2026-11-30T12:00:00Z')
const p = (text: string, context: Parameters<typeof pseudonymize>[1] = {}) =>
  pseudonymize(text, { now, ...context })

describe('IBANs of every country in their printed shape', () => {
  it('masks a grouped IBAN of its country’s registered length even with a failing checksum, any case', () => {
    expect(p('Mi cuenta: ES12 3456 7890 1234 5678 9012 gracias').text).toBe('Mi cuenta: [IBAN_1] gracias')
    expect(p('conto it12 a123 4567 8901 2345 6789 012, grazie').text).toBe('conto [IBAN_1], grazie')
    expect(p('Account GB11 ABCD 1234 5612 3456 78 please').text).toBe('Account [IBAN_1] please')
    // A short word after the last group is not part of it.
    expect(p('Konto AT12 3456 7890 1234 5678 ok').text).toBe('Konto [IBAN_1] ok')
  })

  it('keeps what is not an IBAN shape: wrong length, unknown country, words', () => {
    expect(p('Artikel DE12 3456 7890 bestellt').text).toContain('DE12 3456 7890')
    expect(p('Code ES12 3456 7890 1234 5678 90 notiert').text).toContain('ES12 3456')
    expect(p('Code ZZ12 3456 7890 1234 5678 9012 notiert').text).toContain('ZZ12 3456')
    expect(p('so12 will they ever come back home').text).toBe('so12 will they ever come back home')
  })

  it('an unbroken IBAN in lower case counts with a valid checksum', () => {
    expect(p('iban es9121000418450200051332 bitte').text).toBe('iban [IBAN_1] bitte')
  })
})

describe('phone numbers in any format right after a phone cue', () => {
  it('masks a foreign number without trunk 0 or country code after a phone label or call verb', () => {
    expect(p('Teléfono: 55 2345 6789').text).toBe('Teléfono: [TELEFON_1]')
    expect(p('Meine Nummer ist 20 1234 5678, ruf an.').text).toBe('Meine Nummer ist [TELEFON_1], ruf an.')
    expect(p('llámame al 81 2233 4455 mañana').text).toBe('llámame al [TELEFON_1] mañana')
    expect(p('call me on 555 0134 2210 tomorrow').text).toBe('call me on [TELEFON_1] tomorrow')
    expect(p('el número es 44 5566 7788').text).toBe('el número es [TELEFON_1]')
    expect(p('Tel. Nr. 22 3344 5566').text).toBe('Tel. Nr. [TELEFON_1]')
  })

  it('leaves amounts, years, times and far cues alone', () => {
    expect(p('Telefon: 1200 Franken sind zu viel').text).toContain('1200 Franken')
    expect(p('Nummer 2019 2024 im Katalog').text).toContain('2019 2024')
    expect(p('Telefonat um 14:30, dann 12 345 678 Schritte gezählt').text).toContain('12 345 678')
    expect(p('Tel. später. Der Betrag war 12 500 000 CHF im Jahr.').text).toContain('12 500 000')
    expect(p('Die Nummer 12 34 56 78 CHF').text).toContain('12 34 56 78')
    // "number" names any number unless right before it; a call verb's sentence ends at its full stop.
    expect(p('number of sessions: 10 12 14 16 so far').text).toContain('10 12 14 16')
    expect(p("I'll call you. We had 10 12 14 16 so far").text).toContain('10 12 14 16')
  })
})

describe('birthdays without a year', () => {
  it('takes day and month after a birthday word, in words or digits, any case', () => {
    expect(p('an ihrem Geburtstag, dem dritten März, gehen wir essen').text).toBe(
      'an ihrem Geburtstag, dem [GEBURTSDATUM_1], gehen wir essen',
    )
    expect(p('geboren am 4. Mai, wie sein Vater').text).toBe('geboren am [GEBURTSDATUM_1], wie sein Vater')
    expect(p('my birthday is august twelfth and I hate it').text).toBe(
      'my birthday is [GEBURTSDATUM_1] and I hate it',
    )
    expect(p('am elften august hat sie geburtstag, glaub ich').text).toBe(
      'am [GEBURTSDATUM_1] hat sie geburtstag, glaub ich',
    )
  })

  it('takes them when someone turns an age in the same sentence', () => {
    expect(p('am zweiten juli wird meine schwester dreissig, dann feiern wir').text).toBe(
      'am [GEBURTSDATUM_1] wird meine schwester dreissig, dann feiern wir',
    )
    expect(p('el quince de agosto mi hijo cumple doce años.').text).toBe(
      'el [GEBURTSDATUM_1] mi hijo cumple doce años.',
    )
  })

  it('leaves other dates without a year alone', () => {
    expect(p('Am dritten März habe ich einen Termin beim Zahnarzt.').text).toContain('dritten März')
    expect(p('Am 4. Mai wird die Sitzung zwei Stunden dauern.').text).toContain('4. Mai')
    expect(p('am zweiten juli wird es heiss, sagt sie.').text).toContain('zweiten juli')
  })
})

describe('pet forms of known names', () => {
  const known = (name: string) => ({ client: { name } })

  it('Bernese and Basel short forms on -u and -e, with the umlauted vowel', () => {
    expect(p('Coach: Das isch guet, Sime. Klient: Ja, danke.', known('Simon Keller')).text).toBe(
      'Coach: Das isch guet, [PERSON_1]. Klient: Ja, danke.',
    )
    expect(p('mis grosi seit geng: tömu, iss öppis.', known('Thomas Roth')).text).toBe(
      'mis grosi seit geng: [PERSON_1], iss öppis.',
    )
  })

  it('a form addressed to someone counts though it is a German noun; the noun elsewhere stays', () => {
    expect(p('Das hast du gut gemacht, Dome.', known('Dominique Russo')).text).toBe(
      'Das hast du gut gemacht, [PERSON_1].',
    )
    expect(p('Die Dome in Speyer und Worms sind alt.', known('Dominique Russo')).text).toContain('Die Dome')
    // Also a prefix form the known-name matcher drops as a German noun ("Dome" of Domenico).
    expect(p('Komm jetzt her, Dome!', known('Domenico Russo')).text).toBe('Komm jetzt her, [PERSON_1]!')
    // A sentence opening before a comma is no address: interjections stand there.
    expect(p('Bene, allora Benedetta deve decidere.', known('Benedetta Sala')).text).toContain('Bene, allora')
    expect(p('Die Dome in Speyer sind alt, sagt er.', known('Domenico Russo')).text).toContain('Die Dome')
  })

  it('diminutives of a three-letter given name; a German word stays', () => {
    const out = p('Die Kolleginnen nennen sie Anita. Sie hat Anita gern gemocht.', known('Ana Brunner')).text
    expect(out).not.toContain('Anita')
    expect(p('Sie evita el tema, dice Ana.', known('Ana Brunner')).text).toContain('evita')
  })

  it('an umlauted front with -i or -li is no short form: Swiss nouns stay', () => {
    expect(p('wie im märli vom wolf.', known('Marco Huber')).text).toContain('märli')
  })
})

describe('naming phrases and given names of more communities', () => {
  it('"nennt mich", "una tal", "un certo" before a name', () => {
    expect(p('Meine Oma nennt mich Zuzu. Sonst niemand.').text).toBe(
      'Meine Oma nennt mich [PERSON_1]. Sonst niemand.',
    )
    expect(p('me atendió una tal itziar, muy amable').text).toBe('me atendió una tal [PERSON_1], muy amable')
    expect(p('er nennt mich immer so, das nervt').text).toBe('er nennt mich immer so, das nervt')
    expect(p('pues no sé, es un tal vez que me dijo mi madre ayer en casa').text).toContain('tal vez')
  })

  it('Scottish, Irish, Basque, Catalan and Galician given names', () => {
    expect(p('We met Eilidh and Niamh at the station.').text).toBe(
      'We met [PERSON_1] and [PERSON_2] at the station.',
    )
    expect(p('Ayer vinieron Edurne y Xurxo a cenar.').text).toBe(
      'Ayer vinieron [PERSON_1] y [PERSON_2] a cenar.',
    )
  })
})

describe('North American numbers in their own grouping (set P)', () => {
  it('masks 3-3-4 numbers with dashes, dots or the area code in brackets', () => {
    expect(p('Best reached at 514-555-0182 (cell) after six.').text).toBe(
      'Best reached at [TELEFON_1] (cell) after six.',
    )
    expect(p('Call her office, (212) 555-0147, on Monday.').text).toBe(
      'Call her office, [TELEFON_1], on Monday.',
    )
    expect(p('Su número es 646.555.0133, llámala hoy.').text).toBe('Su número es [TELEFON_1], llámala hoy.')
  })

  it('keeps dates, Swiss numbers in words, amounts and longer digit runs', () => {
    for (const kept of [
      'Die Sitzung ist am 2026-11-05 um 14 Uhr.',
      'Bestellnummer 123-456-7890-12 liegt bei.',
      'Es kostet 250.000.000 Franken.',
      'Seite 212-233 im Buch, Kapitel 4.',
    ])
      expect(p(kept).text).toBe(kept)
  })
})

describe('a currency after an amount is no name', () => {
  it('keeps Franken, Pfund and Euro after a number; the surname and the region stay names', () => {
    for (const kept of [
      'Es kostet 250 Franken.',
      'Das Ticket kostet 30 Franken.',
      'Er schuldet mir 1’200 Franken.',
    ])
      expect(p(kept).text).toBe(kept)
    expect(p('Gestern rief Frau Franken wieder an.').text).toBe('Gestern rief Frau [PERSON_1] wieder an.')
  })
})
