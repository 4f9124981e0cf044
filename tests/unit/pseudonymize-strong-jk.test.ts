import { describe, expect, it } from 'vitest'
import { findLeaks, pseudonymize } from '@/lib/privacy/pseudonymize'
import { compoundNumber, dayWord, yearWords } from '@/lib/privacy/pseudonymize/number-words'

// R7.2: the identifiers the issue holds at 1.00 (AHV, IBAN, phone) and dates of birth, dictated in words — a
// table of forms per language (de, Swiss German, en, it, es) — and the leak check's refusal of them. Every
// sentence is made up; the numbers are invented.
const now = new Date('2026-12-07T00:00:00Z')
const p = (text: string) => pseudonymize(text, { now }).text

/** Each form must vanish whole into one placeholder of the type. */
function expectMasked(label: string, forms: readonly string[], lead: string, type: string) {
  for (const form of forms) {
    const out = p(`${lead} ${form} und fertig`)
    expect(out, `${label}: ${form}`).toBe(`${lead} [${type}_1] und fertig`)
  }
}

describe('R7.2 dictated AHV numbers', () => {
  const forms = [
    // German, digit by digit with spoken dots; in pairs; a compound of the hundreds; split hundreds.
    'sieben fünf sechs punkt eins zwei drei vier punkt fünf sechs sieben acht punkt neun sieben',
    'siebenhundertsechsundfünfzig punkt zwölf vierunddreissig punkt sechsundfünfzig achtundsiebzig punkt siebenundneunzig',
    'sieben hundert sechsundfünfzig, eins zwei drei vier, fünf sechs sieben acht, neun sieben',
    // Swiss German number words and compounds.
    'sibe föif sächs punkt eis zwöi drüü vier punkt föif sächs sibe acht punkt nüün sibe',
    'sibehundertsächsefüfzg punkt zwöuf vieredrissg punkt sächsefüfzg achtesibezg punkt sibenenünzg',
    // Digits written by the dictation, the dots spoken.
    '756 punkt 1234 punkt 5678 punkt 97',
    // English, Italian, Spanish.
    'seven five six dot one two three four dot five six seven eight dot nine seven',
    'seven fifty-six, twelve thirty-four, fifty-six seventy-eight, ninety-seven',
    'seven hundred and fifty six point one two three four point five six seven eight point nine seven',
    'sette cinque sei punto uno due tre quattro punto cinque sei sette otto punto nove sette',
    'settecentocinquantasei punto dodici trentaquattro punto cinquantasei settantotto punto novantasette',
    'siete cinco seis punto uno dos tres cuatro punto cinco seis siete ocho punto nueve siete',
    'setecientos cincuenta y seis, doce treinta y cuatro, cincuenta y seis setenta y ocho, noventa y siete',
  ]

  it('masks every form whole, in any of the languages', () => {
    expectMasked('AHV', forms, 'Die Nummer der Versicherung:', 'AHV')
  })

  it('reads doubled digits in each language', () => {
    for (const form of [
      'sieben fünf sechs punkt doppel eins doppel null punkt fünf sechs sieben acht punkt neun sieben',
      'seven five six dot double one double oh dot five six seven eight dot nine seven',
      'sette cinque sei punto doppio uno doppio zero punto cinque sei sette otto punto nove sette',
      'siete cinco seis punto doble uno doble cero punto cinco seis siete ocho punto nueve siete',
    ])
      expect(p(`AHV: ${form}.`), form).toBe('AHV: [AHV_1].')
  })

  it('keeps counted numbers, scores and decimals with a spoken point', () => {
    for (const text of [
      'Wir waren zwei oder drei Punkt. Dann sieben Tage, fünf Stunden.',
      'Es waren siebenhundertsechsundfünfzig Leute da, Punkt eins war die Begrüssung.',
      'Kapitel sieben Punkt fünf sechs lesen wir nächstes Mal.',
      'Das Spiel endete drei zu zwei, um sieben Uhr dreissig, für neunzehn Franken fünfzig.',
      'The score was seven five, six points in the third set.',
      'La partita è finita tre a due, punto e basta.',
    ])
      expect(p(text), text).toBe(text)
  })
})

describe('R7.2 dictated IBANs: the country code as letter names', () => {
  // CH93 0076 2011 6238 5295 7 in each language's letter names and number words.
  const swiss = [
    'ce ha neun drei null null sieben sechs zwei null eins eins sechs zwei drei acht fünf zwei neun fünf sieben',
    'tse ha neun drei null null sieben sechs zwei null eins eins sechs zwei drei acht fünf zwei neun fünf sieben',
    'ce ha nüün drüü nüll nüll sibe sächs zwöi nüll eis eis sächs zwöi drüü acht föif zwöi nüün föif sibe',
    'CH dreiundneunzig, null null sechsundsiebzig, zwanzig elf, zweiundsechzig achtunddreissig, zweiundfünfzig fünfundneunzig, sieben',
    'ce ha 93 0076 2011 6238 5295 7',
    'see aitch nine three double oh seven six two oh one one six two three eight five two nine five seven',
    'ci acca nove tre zero zero sette sei due zero uno uno sei due tre otto cinque due nove cinque sette',
    'ce hache nueve tres cero cero siete seis dos cero uno uno seis dos tres ocho cinco dos nueve cinco siete',
  ]

  it('masks a Swiss IBAN dictated in every language', () => {
    expectMasked('IBAN', swiss, 'Das Konto für den Lohn:', 'IBAN')
  })

  it('other countries by their registered length, a check letter spelled too', () => {
    for (const form of [
      // DE89 3704 0044 0532 0130 00
      'de e acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null',
      // AT61 1904 3002 3457 3201
      'a te sechs eins eins neun null vier drei null null zwei drei vier fünf sieben drei zwei null eins',
      // IT60 X054 2811 1010 0000 0123 456
      'i te sei zero ics zero cinque quattro due otto uno uno uno zero uno zero zero zero zero zero zero uno due tre quattro cinque sei',
      // ES91 2100 0418 4502 0005 1332
      'e es nueve uno dos uno cero cero cero cuatro uno ocho cuatro cinco cero dos cero cero cero cinco uno tres tres dos',
      // FR76 3000 6000 0112 3456 7890 189
      'ef er sieben sechs drei null null null sechs null null null null eins eins zwei drei vier fünf sechs sieben acht neun null eins acht neun',
    ])
      expect(p(`IBAN: ${form}.`), form).toBe('IBAN: [IBAN_1].')
  })

  it('a written AHV number after "no." is no Norwegian IBAN', () => {
    expect(p('Social security no.: 756.1234.5678.97, thanks')).toBe('Social security no.: [AHV_1], thanks')
    expect(p('AHV no 7561234567897 bitte')).toBe('AHV no [AHV_1] bitte')
  })

  it('keeps letter names and numbers that are no account', () => {
    for (const text of [
      'Ich habe de e-mail geschickt und a te gesagt, zwei oder drei Mal.',
      'Sie hat ce ha gesagt, dann drei vier fünf.',
      'Ho detto di sì a tre amici e due colleghi.',
      'Es es la una y media, tres o cuatro personas.',
    ])
      expect(p(text), text).toBe(text)
  })
})

describe('R7.2 dictated phone numbers with spoken separators and groups', () => {
  it('masks each form', () => {
    for (const [text, masked] of [
      [
        'Meine Nummer ist null sieben neun strich drei zwei eins strich vier fünf strich sechs sieben.',
        'Meine Nummer ist [TELEFON_1].',
      ],
      [
        'Ruf mich an: null sieben neun bindestrich dreihunderteinundzwanzig bindestrich fünfundvierzig bindestrich siebenundsechzig.',
        'Ruf mich an: [TELEFON_1].',
      ],
      [
        'Mini Nummere: nüll sibe nüün, drüühundertzwöiezwänzg, föifevierzg, sibenesächzg.',
        'Mini Nummere: [TELEFON_1].',
      ],
      ['Handy: null sieben neun, doppel drei, eins vier fünf, sechs sieben.', 'Handy: [TELEFON_1].'],
      [
        'Call me on oh seven nine dash three two one dash forty five dash sixty seven.',
        'Call me on [TELEFON_1].',
      ],
      [
        'Il cellulare è zero sette nove trattino tre due uno trattino quarantacinque trattino sessantasette.',
        'Il cellulare è [TELEFON_1].',
      ],
      ['Mi móvil es seis uno dos guion tres cuatro cinco guion seis siete ocho.', 'Mi móvil es [TELEFON_1].'],
      ['Telefon: null vier vier slash drei zwei eins vier fünf sechs sieben.', 'Telefon: [TELEFON_1].'],
    ] as const)
      expect(p(text), text).toBe(masked)
  })

  it('keeps times, prices and counts', () => {
    for (const text of [
      'Um sieben Uhr dreissig, dann neun Uhr fünfzehn, das kostet zwölf Franken fünfzig.',
      'Wir haben drei Strich zwei gespielt, dann sieben Tage Pause.',
      'Cuesta doce con cincuenta, y son las tres y media.',
    ])
      expect(p(text), text).toBe(text)
  })
})

describe('R7.2 dates of birth in dialect words and spoken years', () => {
  it('number words behind them', () => {
    expect(compoundNumber('siebenhundertsechsundfünfzig')).toBe(756)
    expect(compoundNumber('sibehundertsächsefüfzg')).toBe(756)
    expect(compoundNumber('settecentocinquantasei')).toBe(756)
    expect(compoundNumber('zwöituusigdrü')).toBe(2003)
    expect(compoundNumber('centro')).toBeUndefined()
    // Swiss ordinals: -te, -ti, -schte, -ischte; Bernese and Valais spellings.
    for (const [word, day] of [
      ['erschte', 1],
      ['zwöite', 2],
      ['dritti', 3],
      ['vierti', 4],
      ['föifte', 5],
      ['sächste', 6],
      ['sibete', 7],
      ['achti', 8],
      ['nüünte', 9],
      ['zäte', 10],
      ['öufte', 11],
      ['zwelfte', 12],
      ['drizähte', 13],
      ['nünzähte', 19],
      ['zwänzgischte', 20],
      ['zweiezwänzigschte', 22],
      ['einezwänzgischte', 21],
      ['drissgischte', 30],
    ] as const)
      expect(dayWord(word), word).toBe(day)
    expect(yearWords(['neunzehnhundert', 'neunzig'])).toEqual({ year: 1990, used: 2 })
    expect(yearWords(['mille', 'novecento', 'ottantanove'])).toEqual({ year: 1989, used: 3 })
    expect(yearWords(['nineteen', 'hundred', 'and', 'ninety'])).toEqual({ year: 1990, used: 4 })
    expect(yearWords(['neunzehn', 'neunundachtzig'])).toEqual({ year: 1989, used: 2 })
  })

  it('masks the whole date in each form', () => {
    for (const [text, masked] of [
      [
        'Si isch am zweiezwänzigschte Augschte nünzähhundertnüünenachtzg gibore.',
        'Si isch am [GEBURTSDATUM_1] gibore.',
      ],
      ['Gebore am erschte Merz nüünzähhundertsächzg, im Winter.', 'Gebore am [GEBURTSDATUM_1], im Winter.'],
      [
        'Er isch am dritte Jänner nünzähhundert sibenesibezg uf d wält cho.',
        'Er isch am [GEBURTSDATUM_1] uf d wält cho.',
      ],
      ['Geburtsdatum: zäte Oktoober nünzähhundertachtzg', 'Geburtsdatum: [GEBURTSDATUM_1]'],
      ['Geburtsdatum: öufte Novämber nünzähhundertachtzg', 'Geburtsdatum: [GEBURTSDATUM_1]'],
      ['Gebore am zwöufte Hornig nünzähhundertvierenachtzg.', 'Gebore am [GEBURTSDATUM_1].'],
      ['Gebore am vierezwänzgischte Dezämber nüünzähhundertsibezg.', 'Gebore am [GEBURTSDATUM_1].'],
      [
        'Geboren am zwölften März neunzehnhundert neunzig, am Morgen.',
        'Geboren am [GEBURTSDATUM_1], am Morgen.',
      ],
      ['Am einunddreissigsten Mai neunzehn neunundachtzig geboren.', 'Am [GEBURTSDATUM_1] geboren.'],
      [
        'I was born on the twenty-second of August nineteen eighty-nine.',
        'I was born on the [GEBURTSDATUM_1].',
      ],
      ['Born on August twenty second, nineteen eighty nine.', 'Born on [GEBURTSDATUM_1].'],
      ['Born on the third of March nineteen hundred and ninety.', 'Born on the [GEBURTSDATUM_1].'],
      ['Sono nata il ventidue agosto mille novecento ottantanove.', 'Sono nata il [GEBURTSDATUM_1].'],
      ['Nacido el veintidós de agosto de mil novecientos ochenta y nueve.', 'Nacido el [GEBURTSDATUM_1].'],
    ] as const)
      expect(p(text), text).toBe(masked)
  })

  it('keeps a recent date, a month without a day and a season word', () => {
    for (const text of [
      'Am zwölfte Oktoober zwöitusigfüfezwänzg hei mir es Fescht gha.',
      'Im Heuet neunzehnhundertneunzig hei mir viel gschaffet.',
      'Im Augschte fahren wir in die Berge, drei oder vier Tage.',
    ])
      expect(p(text), text).toBe(text)
  })
})

describe('R7.2 the leak check refuses dictated AHV numbers, IBANs and phone numbers (fail closed)', () => {
  it('finds them without any cue word', () => {
    expect(
      findLeaks(
        '[PERSON_1]: sieben fünf sechs punkt eins zwei drei vier punkt fünf sechs sieben acht punkt neun sieben',
      ),
    ).toEqual(['AHV'])
    expect(
      findLeaks(
        'und dann ce ha neun drei null null sieben sechs zwei null eins eins sechs zwei drei acht fünf zwei neun fünf sieben',
      ),
    ).toEqual(['IBAN'])
    expect(findLeaks('dann null sieben neun drei zwei eins vier fünf sechs sieben')).toEqual(['PHONE'])
  })

  it('passes counted numbers and its own output', () => {
    expect(
      findLeaks('Wir waren zwei oder drei Punkt. Dann sieben Tage, fünf Stunden, neunzehn Franken.'),
    ).toEqual([])
    const text =
      'AHV sieben fünf sechs punkt eins zwei drei vier punkt fünf sechs sieben acht punkt neun sieben, IBAN ce ha neun drei null null sieben sechs zwei null eins eins sechs zwei drei acht fünf zwei neun fünf sieben'
    const result = pseudonymize(text, { now })
    expect(findLeaks(result.text, { now }, result.mapping)).toEqual([])
  })
})
