import { describe, expect, it } from 'vitest'
import { wordInfo } from '@/lib/privacy/pseudonymize/dictionary'
import { gazetteer } from '@/lib/privacy/pseudonymize/gazetteer'
import { loadHunspell } from '@/lib/privacy/pseudonymize/hunspell'
import { scanForm } from '@/lib/privacy/pseudonymize/normalize'
import {
  addressSpans,
  ROMANCE_STREET,
  romanceStreetSpans,
  STREET_ANCHOR,
  streetAnchors,
} from '@/lib/privacy/pseudonymize/addresses'
import {
  anyNumberWord,
  dayWord,
  hundredsWord,
  yearWord,
  yearWords,
} from '@/lib/privacy/pseudonymize/number-words'
import { patternSpans } from '@/lib/privacy/pseudonymize/patterns'
import { ruleContext, type Recogniser } from '@/lib/privacy/pseudonymize/recognisers/context'
import { formFields } from '@/lib/privacy/pseudonymize/recognisers/fields'
import { places } from '@/lib/privacy/pseudonymize/recognisers/location'
import { medications } from '@/lib/privacy/pseudonymize/recognisers/medication'
import {
  organisationShapes,
  organisations,
  publicBodyRegions,
} from '@/lib/privacy/pseudonymize/recognisers/organisation'
import { personCues } from '@/lib/privacy/pseudonymize/recognisers/person-cues'
import { personNames } from '@/lib/privacy/pseudonymize/recognisers/person-names'
import { spokenNumbers } from '@/lib/privacy/pseudonymize/recognisers/spoken-numbers'
import { detectLanguage, tokenize } from '@/lib/privacy/pseudonymize/tokens'
import type { Language } from '@/lib/privacy/pseudonymize/types'

// R7.2: each recogniser on its own — what it finds (value and type) in made-up sentences, and what it leaves.
function found(recogniser: Recogniser, text: string, language?: Language) {
  const scan = scanForm(text)
  const tokens = tokenize(scan)
  const ctx = ruleContext(scan, tokens, gazetteer(), language ?? detectLanguage(tokens))
  return recogniser.run(ctx).map((c) => `${c.type}:${scan.slice(c.start, c.end)}`)
}

describe('R7.2 recogniser: person cues (any case)', () => {
  it('honorifics and titles before a name, also lower case and with a degree', () => {
    expect(found(personCues, 'Gestern war ich bei herr rüegg und frau dr. tanner.')).toEqual(
      expect.arrayContaining(['PERSON:rüegg', 'PERSON:tanner']),
    )
    expect(found(personCues, 'de herr odermatt het gseit, ich söll warte.')).toContain('PERSON:odermatt')
    expect(found(personCues, 'Nachher rief Herr von Gunten an.')).toContain('PERSON:von Gunten')
    expect(found(personCues, 'Meine Teamleiterin, Dr. Adler, ist kühl.')).toContain('PERSON:Adler')
  })

  it('roles and relations before or after a name', () => {
    expect(found(personCues, 'Mein Götti Sepp kommt am Sonntag.')).toContain('PERSON:Sepp')
    expect(found(personCues, 'Rowan, my manager, keeps calling me.', 'en')).toContain('PERSON:Rowan')
    expect(found(personCues, 'Bluebell from the parents group told me to relax.', 'en')).toContain(
      'PERSON:Bluebell',
    )
    expect(found(personCues, 'Serena, la vicina, mi ha portato la spesa.', 'it')).toContain('PERSON:Serena')
    // A noun in apposition is a thing: "Team Kundenberatung, meine Chefin …".
    expect(found(personCues, 'Arbeit: Team Kundenberatung, meine Chefin ist nett.', 'de')).not.toContain(
      'PERSON:Kundenberatung',
    )
  })

  it('verbs of speaking and relating after a capitalised word', () => {
    expect(found(personCues, 'Amsel hat gesagt, dass ich mich erholen soll.', 'de')).toContain('PERSON:Amsel')
    expect(found(personCues, 'Juniper drove me home after the session.', 'en')).toContain('PERSON:Juniper')
    expect(found(personCues, 'Rocío dice que no puedo seguir así.', 'es')).toContain('PERSON:Rocío')
    // Adverbs and ordinary verbs at a sentence start are no speakers.
    expect(found(personCues, 'Leider hat mich das gestresst.', 'de')).toEqual([])
    expect(found(personCues, 'Work drove me crazy this week and I was tired.', 'en')).toEqual([])
  })

  it('a family list after a relation word and a colon, but not a transcript speaker (issue 14)', () => {
    expect(found(personCues, 'Familie:\n- Schwester: Lorena, genannt Lori.', 'de')).toContain('PERSON:Lorena')
    expect(found(personCues, 'Coach: Schön, dass Sie da sind.\nKlient: Ja.', 'de')).not.toContain(
      'PERSON:Schön',
    )
  })

  it('lowercase dictation: a listed name before a relation, a name after a naming phrase (issue 14)', () => {
    expect(found(personCues, 'brunner, mini nochberin, het mi bsuecht.', 'de')).toContain('PERSON:brunner')
    expect(
      found(personCues, 'ho conosciuto una signora che si chiama fortuna, molto gentile.', 'it'),
    ).toContain('PERSON:fortuna')
    expect(found(personCues, 'si chiama come sua nonna.', 'it')).toEqual([])
  })

  it('Swiss German "dr" without a dot is the article; a nominalised infinitive is no speaker (issue 14)', () => {
    expect(found(personCues, 'i bi wäg dr rächnig zum chef. dr polizischt het glachet.', 'de')).toEqual([])
    expect(found(personCues, 'geschter het dr meier aaglüte.', 'de')).toContain('PERSON:meier')
    expect(found(personCues, 'Ich bin müde. Schwimmen hilft mir am meisten.', 'de')).toEqual([])
  })

  it('a name in apposition to a relation or role word, also lower case and after an article (set D)', () => {
    const cue = (text: string) => found(personCues, text)
    expect(cue('mein vorarbeiter, brechbühl, ist streng und ich bin müde.')).toContain('PERSON:brechbühl')
    expect(cue('il mio ragazzo, dario, ha riso e non mi ha detto niente.')).toContain('PERSON:dario')
    expect(cue('mi cuñada, la maripili, vino ayer y no me dijo nada.')).toContain('PERSON:maripili')
    expect(cue('mi prima la lola, la de sevilla, no me dijo nada.')).toContain('PERSON:lola')
    expect(cue('my stepdad, kev, came round and i was tired.')).toContain('PERSON:kev')
    // Adverbs, adjectives, participles and ordinary nouns in apposition stay.
    expect(cue('mein chef, leider, war krank und ich bin müde.')).toEqual([])
    expect(cue('mein chef, wütend, hat geschrien und ich bin müde.')).toEqual([])
    expect(cue('mia madre, arrabbiata, è andata a letto e non mi ha detto niente.')).toEqual([])
    expect(cue('a mi hijo, el pequeño, le duele la tripa y no me dijo nada.')).toEqual([])
    expect(cue('mi hermana, la mayor, vino ayer y no me dijo nada.')).toEqual([])
    expect(cue('my boss, sadly, left the company and i was tired.')).toEqual([])
    expect(cue('mia sorella, invece, non mi ha detto niente.')).toEqual([])
    expect(cue('mein chef, der idiot, hat mich angeschrien und ich bin müde.')).toEqual([])
    // A dictionary word that is the front of a listed first name is a short name there ("fede", Federica).
    expect(cue('il mio ragazzo, fede, non mi ha detto niente.')).toContain('PERSON:fede')
  })

  it("lower-case English chat: a clause opening before a person's state or ailment (set D)", () => {
    expect(found(personCues, 'the school rang, poppy has a fever so we stay home and i am tired.')).toContain(
      'PERSON:poppy',
    )
    expect(found(personCues, 'anyway, baz is alright now and i am tired.')).toContain('PERSON:baz')
    expect(found(personCues, 'the car is alright now and work is alright, honestly, i am tired.')).toEqual([])
  })

  it('a German adjective on the determiner list is a surname after a capitalised honorific (set D)', () => {
    expect(found(personCues, 'Der Abwart, Herr Viel, hat angerufen.', 'de')).toContain('PERSON:Viel')
    expect(found(personCues, 'Liebe Frau Meier, ganz herzlichen Dank.', 'de')).not.toContain('PERSON:ganz')
  })

  it('a signature after a closing word', () => {
    expect(found(personCues, 'Bis bald.\nlg lena', 'de')).toContain('PERSON:lena')
  })
})

describe('R7.2 recogniser: person names', () => {
  it('an uninflected German adjective with a capital mid-sentence is a surname', () => {
    expect(found(personNames, 'Ich war am Montag bei Redlich.', 'de')).toContain('PERSON:Redlich')
    expect(found(personNames, 'Ich habe etwas Neues ausprobiert.', 'de')).toEqual([])
  })

  it('Swiss German article before a lower-case first name or its diminutive, not before a word (set D)', () => {
    expect(found(personNames, 'geschter isch de jonasli cho und mir hei gässe.', 'de')).toContain(
      'PERSON:jonasli',
    )
    expect(
      found(
        personNames,
        'mit em kari bin ich go schwimme, de chef isch hässig und em zug hets gschmeckt.',
        'de',
      ),
    ).toEqual(['PERSON:kari'])
    expect(found(personNames, 'am namittag simer i d badi und de kafi isch kalt gsi.', 'de')).toEqual([])
  })

  it('Swiss diminutives of listed names and genitives', () => {
    expect(found(personNames, 'Si het mi nur Bärbeli gnennt.', 'de')).toContain('PERSON:Bärbeli')
    expect(found(personNames, 'Wir waren bei Annas Eltern.', 'de')).toContain('PERSON:Annas')
    expect(found(personNames, 'Am Morgen gab es Gipfeli.', 'de')).toEqual([])
  })

  it('after an article an uninflected capitalised adjective before a comma or verb is a surname (issue 14)', () => {
    expect(found(personNames, 'Gestern kam die Fröhlich, brachte Kuchen mit.', 'de')).toContain(
      'PERSON:Fröhlich',
    )
    expect(found(personNames, 'Am Ende gewinnt der Schnelle immer.', 'de')).toEqual([])
  })

  it('Italian/Spanish: a month that is a listed first name, capitalised mid-sentence, is the name (issue 14)', () => {
    // "Abril" is the only month in the first-name list today; the rule reads any month the list gains.
    expect(found(personNames, 'El domingo paseamos con Abril por el río.', 'es')).toContain('PERSON:Abril')
    expect(found(personNames, 'Nos vemos a finales de Abril en casa.', 'es')).not.toContain('PERSON:Abril')
  })

  it('English, Italian and Spanish: a capital mid-sentence, even on a frequent word, is a name', () => {
    expect(found(personNames, 'I spend Sundays with Autumn and the kids.', 'en')).toContain('PERSON:Autumn')
  })
})

describe('R7.2 recogniser: organisations and places', () => {
  it('head word plus name, also lower case and as a compound', () => {
    expect(found(organisations, 'Wir assen im Gasthof Sternen, dann zur Kita Regenbogen.', 'de')).toEqual(
      expect.arrayContaining(['ORGANIZATION:Gasthof Sternen', 'ORGANIZATION:Kita Regenbogen']),
    )
    expect(found(organisations, 'ich war danach im gasthof sternen und bin müde.', 'de')).toContain(
      'ORGANIZATION:gasthof sternen',
    )
    expect(found(organisations, 'de herr vom jugendheim sunnegg het aglüte.', 'de')).toContain(
      'ORGANIZATION:jugendheim sunnegg',
    )
  })

  it('inns, grotti, trattorie, nurseries and family firms, also lower case (issue 14)', () => {
    expect(found(organisations, 'Das Fest ist im Landgasthof Hirschen, oben im Dorf.')).toContain(
      'ORGANIZATION:Landgasthof Hirschen',
    )
    expect(found(organisations, "siamo andati all'osteria della luna ieri sera.", 'it')).toContain(
      'ORGANIZATION:osteria della luna',
    )
    expect(found(organisations, "Asilo: Scuola dell'infanzia Arcobaleno, sezione verde.", 'it')).toContain(
      "ORGANIZATION:Scuola dell'infanzia Arcobaleno",
    )
    expect(found(organisations, 'Sie arbeitet seit Jahren bei Zimmermann & Söhne im Büro.')).toContain(
      'ORGANIZATION:Zimmermann & Söhne',
    )
  })

  it("business type words before a shop's or trade's own name, in any case (issue 14)", () => {
    expect(found(organisations, 'Sie arbeitet im Nagelstudio Orchidee am Bahnhof.', 'de')).toContain(
      'ORGANIZATION:Nagelstudio Orchidee',
    )
    expect(found(organisations, 'Er fährt für die Wäscherei Schneeflock in Wil.', 'de')).toContain(
      'ORGANIZATION:Wäscherei Schneeflock',
    )
    expect(found(organisations, 'min brüeder schafft jetz bi de zimmerei zurfluh.', 'de')).toContain(
      'ORGANIZATION:zimmerei zurfluh',
    )
    expect(found(organisations, 'Wir schliefen in der Pensiun Tschierv und assen gut.', 'de')).toContain(
      'ORGANIZATION:Pensiun Tschierv',
    )
    expect(found(organisations, 'Abbiamo preso i biscotti alla Pasticceria Bianchini ieri.', 'it')).toContain(
      'ORGANIZATION:Pasticceria Bianchini',
    )
    expect(found(organisations, 'Compré los clavos en la Ferretería Olmedo del barrio.', 'es')).toContain(
      'ORGANIZATION:Ferretería Olmedo',
    )
    // The trade alone, before an ordinary word, stays content; a compound on -studio is a head, not naming.
    expect(found(organisations, 'Die Wäscherei Termine sind voll, sagt sie.', 'de')).toEqual([])
    expect(found(organisations, 'Sie übt im Yogastudio Shantipur am Abend.', 'de')).toContain(
      'ORGANIZATION:Yogastudio Shantipur',
    )
    expect(found(organisations, 'Wir haben im Tonstudio Aufnahmen gemacht.', 'de')).toEqual([])
  })

  it('legal form, trade word, place adjective; "ab" is no legal form', () => {
    const out = found(
      organisations,
      'Er war bei Gerber Bau AG, dann bei Schnyder Haustechnik, Konto bei der Thurgauer Kantonalbank.',
      'de',
    )
    expect(out).toEqual(
      expect.arrayContaining([
        'ORGANIZATION:Gerber Bau AG',
        'ORGANIZATION:Schnyder Haustechnik',
        'ORGANIZATION:Thurgauer Kantonalbank',
      ]),
    )
    expect(found(organisations, 'Ein Platz für Lou ab August.', 'de')).toEqual([])
  })

  it('the region after a public body, the body itself stays', () => {
    expect(found(publicBodyRegions, 'Das RAV Oberaargau hat sich gemeldet.', 'de')).toEqual([
      'LOCATION:Oberaargau',
    ])
  })

  it('places after a preposition in any case, also unknown small places', () => {
    expect(found(places, 'letzten sommer war ich in wilen und dann z huttwil.', 'de')).toEqual(
      expect.arrayContaining(['LOCATION:wilen', 'LOCATION:huttwil']),
    )
    expect(found(places, 'el verano pasado estuve en zamora con mi prima.', 'es')).toContain(
      'LOCATION:zamora',
    )
    expect(found(places, 'I booked an appointment with a counsellor in 2026.', 'en')).toEqual([])
  })

  it('medications by list (any case) and by INN stem', () => {
    expect(found(medications, 'Toma orfidal para dormir y desde ayer sertralina.', 'es')).toEqual(
      expect.arrayContaining(['MEDICATION:orfidal', 'MEDICATION:sertralina']),
    )
  })

  it('form fields: a value, not a speaker turn', () => {
    expect(found(formFields, 'Name: Martina Zwahlen\nWohnort: Frauenfeld', 'de')).toEqual([
      'PERSON:Martina Zwahlen',
      'LOCATION:Frauenfeld',
    ])
    expect(found(formFields, 'Coach: Und?\nKlientin: Schwimmen nur einmal, es war kalt.', 'de')).toEqual([])
  })
})

describe('R7.2 recogniser: spoken numbers', () => {
  const spoken = spokenNumbers(2026)

  it('phone numbers dictated in words (de, dialect, en, it, es)', () => {
    for (const [text, language] of [
      ['meine nummer ist null sieben acht, drei null fünf, zwölf, neunundvierzig.', 'de'],
      ['mini nummere isch nüll sibe nün, drü füf sächs, acht acht, eis zwöi.', 'de'],
      ['my number is oh seven seven double four, one two three, four five six.', 'en'],
      ['il mio numero è zero sette nove, tre due uno, quattro cinque, sei sette.', 'it'],
      ['mi número es seis uno dos, tres cuatro cinco, seis siete ocho.', 'es'],
    ] as const)
      expect(
        found(spoken, text, language).some((s) => s.startsWith('PHONE:')),
        text,
      ).toBe(true)
    // Swiss German spellings (issue 14).
    expect(
      found(spoken, 'si het mer d nummere gä: null sibe sächs, drüü föif eis, nüün zää, füüf zwöi.', 'de'),
    ).toHaveLength(1)
    expect(found(spoken, 'Wir waren drei oder vier Leute, vielleicht fünf.', 'de')).toEqual([])
  })

  it('dates of birth in words', () => {
    expect(found(spoken, 'Ich bin am zwölften März neunzehnhundertneunzig geboren.', 'de')).toEqual([
      'DATE_OF_BIRTH:zwölften März neunzehnhundertneunzig',
    ])
    expect(found(spoken, 'I was born on 4th May 1983 in Leeds.', 'en')).toEqual([
      'DATE_OF_BIRTH:4th May 1983',
    ])
    expect(found(spoken, 'Sono nata il dodici marzo millenovecentonovanta.', 'it')).toHaveLength(1)
    expect(found(spoken, 'Nací el doce de marzo de mil novecientos noventa.', 'es')).toEqual([
      'DATE_OF_BIRTH:doce de marzo de mil novecientos noventa',
    ])
    // Swiss German number words and ordinals; a cue after the date ("uf d wält cho", "geboren").
    expect(found(spoken, 'geburtsdatum: drüüezwänzgischte mai nüünzähhundertachtenünzg', 'de')).toEqual([
      'DATE_OF_BIRTH:drüüezwänzgischte mai nüünzähhundertachtenünzg',
    ])
    expect(found(spoken, 'si isch am sächste juli zwöitusigeis uf d wält cho.', 'de')).toEqual([
      'DATE_OF_BIRTH:sächste juli zwöitusigeis',
    ])
    expect(found(spoken, 'er isch am einezwänzgischte juni nüünzähhundertsibezg gebore.', 'de')).toEqual([
      'DATE_OF_BIRTH:einezwänzgischte juni nüünzähhundertsibezg',
    ])
    // A recent date in words is an event, not a birth date.
    expect(found(spoken, 'Am zwölften März zweitausendfünfundzwanzig war Therapie.', 'de')).toEqual([])
  })

  it('number words', () => {
    expect(anyNumberWord('neunundvierzig', 'de')).toBe(49)
    expect(anyNumberWord('drüevierzg', 'de')).toBe(43)
    expect(anyNumberWord('quarantotto', 'it')).toBe(48)
    expect(dayWord('einunddreissigsten')).toBe(31)
    expect(yearWord('neunzehnhundertneunzig')).toBe(1990)
    expect(anyNumberWord('sibenenünzg', 'de')).toBe(97)
    expect(anyNumberWord('achtenüünzg', 'de')).toBe(98)
    expect(dayWord('vierezwänzgischte')).toBe(24)
    expect(dayWord('nüünte')).toBe(9)
    expect(dayWord('erschte')).toBe(1)
    expect(dayWord('sächste')).toBe(6)
    expect(yearWord('nüünzähhundertsächsesibezg')).toBe(1976)
    expect(yearWord('zwöitusigzwänzg')).toBe(2020)
    expect(yearWord('zweituusigdrüü')).toBe(2003)
    expect(yearWord('zwölfhundert')).toBeUndefined()
    expect(yearWord('millenovecentottantatré')).toBe(1983)
    expect(yearWords(['nineteen', 'eighty', 'three'])).toEqual({ year: 1983, used: 3 })
    expect(yearWords(['mil', 'novecientos', 'noventa', 'y', 'tres'])).toEqual({ year: 1993, used: 5 })
  })
})

describe('R7.2 patterns: foreign phone formats', () => {
  it.each(['+44 7700 900123', '+34 612 345 678', '+39 347 123 4567', '+49 151 23456789'])('%s', (phone) => {
    expect(patternSpans(`Call ${phone} tonight.`, 2026).map((s) => s.type)).toContain('PHONE')
  })

  it('dates of birth with an ordinal sign after the day (issue 14)', () => {
    expect(patternSpans('Data di nascita: 1° giugno 1979', 2026).map((s) => s.type)).toContain(
      'DATE_OF_BIRTH',
    )
    expect(patternSpans('Fecha de nacimiento: 1º de julio de 1981', 2026).map((s) => s.type)).toContain(
      'DATE_OF_BIRTH',
    )
  })

  it('Spanish and Italian numbers without a leading zero, grouped or next to a phone word', () => {
    expect(patternSpans('mi móvil es 612 345 678', 2026).map((s) => s.type)).toContain('PHONE')
    expect(patternSpans('Das kostet 612 Franken.', 2026).map((s) => s.type)).not.toContain('PHONE')
  })
})

describe('R7.2 lexicon (Hunspell dictionaries)', () => {
  it('reads affix rules: a form is found through its stem and suffix', () => {
    const aff = 'SET UTF-8\nSFX A Y 2\nSFX A 0 e .\nSFX A 0 en .\nPFX U Y 1\nPFX U 0 un .\n'
    const dict = loadHunspell(aff, '2\nklar/AU\nHaus\n')
    expect(dict.stems('klaren').map((s) => s.stem)).toEqual(['klar'])
    expect(dict.stems('unklare').map((s) => s.stem)).toEqual(['klar'])
    expect(dict.stems('Hauses')).toEqual([])
  })

  it('German nouns are capitalised, adjectives lower case; names are neither; compounds split', () => {
    expect(wordInfo('de', 'Amsel')).toMatchObject({ noun: true })
    expect(wordInfo('de', 'Kühn')).toMatchObject({ noun: false, adjective: true })
    expect(wordInfo('de', 'Rüegg')).toMatchObject({ lower: false, noun: false, compound: false })
    expect(wordInfo('de', 'Schlafprobleme')).toMatchObject({ compound: true })
    expect(wordInfo('en', 'Juniper')).toMatchObject({ lower: true })
  })
})

// Kinds of misses of the fourth unseen set (D), as general rules; every sentence here is made up.
describe('R7.2 recognisers: dialect shops, Romance institutions, names before a type word, toponym endings', () => {
  it('Swiss German shop words and compounds on -treff/-geschäft are heads, also lower case', () => {
    expect(found(organisations, 'mir chaufed d eier geng im hoflade sunnehalde.', 'de')).toContain(
      'ORGANIZATION:hoflade sunnehalde',
    )
    // After a dialect head the next dialect word is no name.
    expect(found(organisations, 'mir händ bim beck feins brot gchauft, d metzg isch zue gsi.', 'de')).toEqual(
      [],
    )
    expect(found(organisations, 'Am Samstag war ich in der Chäsi Bergblick einkaufen.', 'de')).toContain(
      'ORGANIZATION:Chäsi Bergblick',
    )
    expect(found(organisations, 'Sie geht jeden Mittwoch in den Seniorentreff Linde.', 'de')).toContain(
      'ORGANIZATION:Seniorentreff Linde',
    )
    expect(
      found(organisations, 'er schaffet jetz im sanitärgeschäft hugentobler, seit mai.', 'de'),
    ).toContain('ORGANIZATION:sanitärgeschäft hugentobler')
    // The plain nouns stay.
    expect(
      found(organisations, 'Im Geschäft war heute viel los, im Lebensmittelgeschäft auch.', 'de'),
    ).toEqual([])
  })

  it('Spanish and Italian institutions: a name after an article or a qualified head, also lower case', () => {
    const es = 'Mi tía vive desde marzo en la residencia Los Naranjos, cerca del río, y está contenta.'
    expect(found(organisations, es, 'es')).toContain('ORGANIZATION:residencia Los Naranjos')
    expect(
      found(organisations, 'mi primo trabaja de camarero en el bar el farol, cerca de la plaza.', 'es'),
    ).toContain('ORGANIZATION:bar el farol')
    expect(
      found(organisations, 'lo operaron en el hospital comarcal valle verde. todo fue bien.', 'es'),
    ).toContain('ORGANIZATION:hospital comarcal valle verde')
    expect(
      found(organisations, 'il nonno vive nella casa di riposo il glicine, vicino al lago.', 'it'),
    ).toContain('ORGANIZATION:casa di riposo il glicine')
    // A time word or a sentence that goes on is no name.
    expect(
      found(organisations, 'quedamos en el bar la semana que viene, y en el bar la gente habla mucho.', 'es'),
    ).toEqual([])
    expect(
      found(organisations, 'estuvo en el hospital comarcal ayer por la tarde con su madre.', 'es'),
    ).toEqual([])
    expect(
      found(organisations, 'fuimos al bar la verdad, y en trattoria el domingo, nada más.', 'es'),
    ).toEqual([])
  })

  it('English names before a type word, and firms of two names joined by "&"', () => {
    expect(
      found(organisationShapes, 'the little owls nursery rang about a rash on her arm.', 'en'),
    ).toContain('ORGANIZATION:little owls nursery')
    expect(found(organisationShapes, 'I swim at Meadowbank Leisure Centre on Fridays.', 'en')).toContain(
      'ORGANIZATION:Meadowbank Leisure Centre',
    )
    expect(
      found(organisationShapes, 'we swim at parkside leisure most mornings before work.', 'en'),
    ).toContain('ORGANIZATION:parkside leisure')
    expect(
      found(organisationShapes, 'my cousin works for hollins & reeve now, in the office.', 'en'),
    ).toContain('ORGANIZATION:hollins & reeve')
    expect(found(organisationShapes, 'He joined Thackeray & Doyle Consulting last year.', 'en')).toContain(
      'ORGANIZATION:Thackeray & Doyle Consulting',
    )
    // Descriptions and everyday pairs stay.
    expect(
      found(
        organisationShapes,
        'she goes to the local day nursery now and the school surgery is shut.',
        'en',
      ),
    ).toEqual([])
    expect(
      found(organisationShapes, 'we had fish & chips, then tom & jerry were on the telly.', 'en'),
    ).toEqual([])
  })

  it('places: a toponym ending after a place preposition, valleys after "im", a place with a compass word', () => {
    expect(
      found(places, 'mir sind am wuchenänd bi morgenwil go wandere, es isch schön gsi.', 'de'),
    ).toContain('LOCATION:morgenwil')
    expect(found(places, 'Sie kommt aus Obermattwil und wohnt jetzt in Hinterrüti.', 'de')).toEqual(
      expect.arrayContaining(['LOCATION:Obermattwil', 'LOCATION:Hinterrüti']),
    )
    expect(found(places, 'Der Nebel lag den ganzen Tag im Schwarzachtal.', 'de')).toContain(
      'LOCATION:Schwarzachtal',
    )
    expect(
      found(places, 'Sie arbeitet in Basel-West und er auf einer Baustelle in lugano-nord.', 'de'),
    ).toEqual(expect.arrayContaining(['LOCATION:Basel-West', 'LOCATION:lugano-nord']))
    // Ordinary words with the same endings stay: nouns, compounds of nouns, "-spital".
    expect(
      found(places, 'Wir sassen am Bach im Tal, die Berge waren weiss, im Jammertal ein Schuldenberg.', 'de'),
    ).toEqual([])
    expect(found(places, 'Er lag im Claraspital und ging dann in Nachbardörfer.', 'de')).toEqual([])
  })

  it('street suffixes found from the tokens are the matches of the whole-text scan', () => {
    for (const text of [
      'Sie wohnt an der Bahnhofstr. 5 und am Lindenweg, Hauptstrasse12, Seeweg𝐀 und Mühlegässli-Ost.',
      'Bahnhofstr.X, Ringstr.\n, BERGSTRASSE 4, Gaſſe 3, Hofweg2str. 7, Kirchstr',
    ]) {
      const whole = [...text.matchAll(STREET_ANCHOR)].flatMap((m) => [m.index, m.index + m[0].length])
      expect(streetAnchors(text, tokenize(text))).toEqual(whole)
    }
  })

  it('Romance streets found from the token of their word match the whole-text scan', () => {
    for (const text of [
      'Habito en la Calle Mayor 12, 28013 Madrid y antes en Via Roma 3.',
      "Écrire au 3rue de Lausanne 7, à l'av. Louis Favre 2, 𝐀via Nassa 5, VIALE dei Pini 8, Place du Marché 1.",
      'Rue Haute 4 rue Basse 6, piazza Grande 1,via Dante 2',
    ]) {
      const whole = [...text.matchAll(ROMANCE_STREET)].map((m) => {
        const value = m[0].replace(/[.,;:]+$/u, '')
        return [m.index, m.index + value.length]
      })
      expect(whole.length).toBeGreaterThan(1)
      expect(romanceStreetSpans(text, tokenize(text)).map((s) => [s.start, s.end])).toEqual(whole)
    }
  })

  it('lower-case English street with its town after a comma', () => {
    const value = (text: string) =>
      addressSpans(text, tokenize(text), gazetteer()).map((s) => text.slice(s.start, s.end))
    expect(value('we moved to 27 willow grove, ashcombe last week.')).toEqual(['27 willow grove, ashcombe'])
    expect(value('it is a 10 minute drive and 2 miles down the road, then 3 more lanes road')).toEqual([])
  })
})

describe('R7.2 recogniser: spoken numbers in dialect and Romance words (set D kinds)', () => {
  const spoken = spokenNumbers(2026)

  it('Bernese -i forms and Spanish hundreds in dictated phones', () => {
    expect(anyNumberWord('füfi', 'de')).toBe(5)
    expect(anyNumberWord('nünzgi', 'de')).toBe(90)
    expect(anyNumberWord('sibezä', 'de')).toBe(17)
    expect(hundredsWord('seiscientos')).toBe(600)
    expect(
      found(spoken, 'd nummere vom götti: nüll füfi sibni, achti nüni drüü, zwöi eis, sächsi füfi.', 'de'),
    ).toHaveLength(1)
    expect(
      found(spoken, 'llámame al seiscientos treinta y uno, cuarenta y dos, diecisiete, noventa.', 'es'),
    ).toEqual(['PHONE:seiscientos treinta y uno, cuarenta y dos, diecisiete, noventa'])
    expect(found(spoken, 'compramos seiscientos gramos de queso y dos barras de pan.', 'es')).toEqual([])
  })

  it('a two-digit year in words after "del", next to a birth cue (also the question line of a form)', () => {
    expect(found(spoken, 'la zia è nata il tre giugno del quarantotto, in campagna.', 'it')).toEqual([
      'DATE_OF_BIRTH:tre giugno del quarantotto',
    ])
    expect(
      found(spoken, 'mi abuelo nació el veinte de enero del cincuenta y cuatro, en invierno.', 'es'),
    ).toEqual(['DATE_OF_BIRTH:veinte de enero del cincuenta y cuatro'])
    expect(
      found(
        spoken,
        'Pregunta 3: ¿Fecha de nacimiento?\nRespuesta: El nueve de agosto del ochenta y siete.',
        'es',
      ),
    ).toEqual(['DATE_OF_BIRTH:nueve de agosto del ochenta y siete'])
    // Without a cue it is any day of the past.
    expect(found(spoken, 'Nos conocimos el nueve de agosto del ochenta y siete en la playa.', 'es')).toEqual(
      [],
    )
  })
})

describe('R7.2 recognisers: cantonal banks, workplaces, cliques, peaks, dictated dates (set E kinds)', () => {
  const spoken = spokenNumbers(2026)

  it('a cantonal bank by its canton adjective in any case; an adjective before another word stays', () => {
    expect(found(organisations, 'das konto isch bi de schwyzer kantonalbank, scho lang.', 'de')).toContain(
      'ORGANIZATION:schwyzer kantonalbank',
    )
    expect(found(organisations, 'Die Hypothek läuft bei der Bündner Kantonalbank.', 'de')).toContain(
      'ORGANIZATION:Bündner Kantonalbank',
    )
    expect(found(organisations, 'Wir assen Bündner Gerstensuppe und Glarner Pastete.', 'de')).toEqual([])
  })

  it('a listed acronym written as a word after a workplace cue; a surname after a given name stays a name', () => {
    expect(found(organisations, 'Sie schafft sit drü Johr bi de Suva z Luzern.', 'de')).toContain(
      'ORGANIZATION:Suva',
    )
    expect(found(organisations, 'Er arbeitet seit Mai bei der Ruag in Thun.', 'de')).toContain(
      'ORGANIZATION:Ruag',
    )
    expect(found(organisations, 'Ich habe mit Tim gesprochen, dann mit Ada Obi.', 'de')).toEqual([])
  })

  it('a platform that is also an employer after a word of working there; a search stays', () => {
    expect(found(organisations, 'Er hat eine neue Stelle bei Google in Zürich.', 'de')).toContain(
      'ORGANIZATION:Google',
    )
    expect(found(organisations, 'My brother works at Google these days.', 'en')).toContain(
      'ORGANIZATION:Google',
    )
    expect(found(organisations, 'Ich habe das Rezept bei Google gefunden.', 'de')).toEqual([])
  })

  it('Swiss German -ig heads (Stiftig = Stiftung) and Fasnacht cliques', () => {
    expect(found(organisations, 'Si schafft jetz bi de Stiftig Wohnbrugg im Büro.', 'de')).toContain(
      'ORGANIZATION:Stiftig Wohnbrugg',
    )
    // The type word is content and stays ("d Clique", "d Guuggenmusig"); the name after it is replaced.
    expect(found(organisations, 'Er pfyfft bi dr Clique Rueschtigi Hörnli mit.', 'de')).toContain(
      'ORGANIZATION:Rueschtigi Hörnli',
    )
    expect(found(organisations, 'D Clique isch am Morgestraich glaufe. I bi i dr Clique.', 'de')).toEqual([])
  })

  it('valleys and peaks after im / uf em / auf dem unless the first part is a noun', () => {
    expect(found(places, 'Mir sind im Chrüzlital und uf em Brunnistock gsi.', 'de')).toEqual(
      expect.arrayContaining(['LOCATION:Chrüzlital', 'LOCATION:Brunnistock']),
    )
    expect(
      found(
        places,
        'Im Seitental lag Schnee, auf dem Bienenstock sass er mit dem Spazierstock am Stock.',
        'de',
      ),
    ).toEqual([])
  })

  it('a listed place whose word is a verb after "in" in lower-case text; adjectives and nouns stay', () => {
    expect(found(places, 'ich wohne jetzt in baden und arbeite in olten', 'de')).toContain('LOCATION:baden')
    expect(found(places, 'sie kam in rot gekleidet und war in trauer', 'de')).toEqual([])
  })

  it('German exonyms of world cities are places; an ordinary word left out of them stays', () => {
    expect(
      found(places, 'Ihr Bruder ist für ein Jahr nach Taschkent gezogen, sie selbst nach Lüttich.', 'de'),
    ).toEqual(expect.arrayContaining(['LOCATION:Taschkent', 'LOCATION:Lüttich']))
    expect(found(places, 'Im Zoo haben wir Löwen gesehen, im Kanton ist es ruhig.', 'de')).toEqual([])
  })

  it('dialect month names and dates dictated as two ordinals next to a birth cue', () => {
    expect(
      found(spoken, 'Geburtsdatum: am vierezwänzigschte Oktoober nünzähhundertsibenenünzg', 'de'),
    ).toEqual(['DATE_OF_BIRTH:vierezwänzigschte Oktoober nünzähhundertsibenenünzg'])
    expect(
      found(spoken, 'frage eins name und geburtsdatum\nlea beispiel zwölfter dritter zweitausendzwei', 'de'),
    ).toEqual(['DATE_OF_BIRTH:zwölfter dritter zweitausendzwei'])
    // Without a cue two ordinals are no birth date.
    expect(found(spoken, 'am dritten vierten zweitausendzwanzig war das treffen im dorf', 'de')).toEqual([])
  })
})

describe('R7.2 recogniser: places after motion and place prepositions (set F kinds)', () => {
  it('hills, woods, lakes, rocks and gates after an article of place when the first part is no word', () => {
    expect(
      found(
        places,
        'Am Samstag wandern wir auf den Kronauerberg, dann im Föhrlwald und uf e Rotestei, zuletzt zum Ägelisee.',
        'de',
      ),
    ).toEqual(
      expect.arrayContaining([
        'LOCATION:Kronauerberg',
        'LOCATION:Föhrlwald',
        'LOCATION:Rotestei',
        'LOCATION:Ägelisee',
      ]),
    )
    expect(found(places, 'Die Bäckerei am Untertor hat zu. i bi uf dr selzachberg gsi.', 'de')).toEqual(
      expect.arrayContaining(['LOCATION:Untertor', 'LOCATION:selzachberg']),
    )
    // Ordinary compounds on the same heads stay ("Fussballtor" in Swiss spelling too).
    expect(
      found(
        places,
        'Im Wald, am See, auf den Berg, zum Stausee, im Mischwald, am Gartentor, am Fussballtor, auf den Schuldenberg, im Tannenwald, am Stadttor, am Grossstein.',
        'de',
      ),
    ).toEqual([])
  })

  it('a three-letter listed place after in/z/nach in lower case; nouns stay', () => {
    expect(found(places, 'mini eltere in wil wüssed nüt und d gotte in uri au nöd', 'de')).toEqual(
      expect.arrayContaining(['LOCATION:wil', 'LOCATION:uri']),
    )
    expect(found(places, 'er ist in see gefallen und in tal gegangen, in hof', 'de')).toEqual([])
  })

  it('a short dialect form of a listed place (final -n dropped) after a place preposition', () => {
    expect(found(places, 'Mis Gotti wohnt in Wohle, bi de Chile.', 'de')).toContain('LOCATION:Wohle')
    expect(found(places, 'Ich war in Eile und ging nach Hause, in Reihe.', 'de')).toEqual([])
  })

  it('St. with a saint’s name after a place preposition; a saint’s day stays', () => {
    expect(found(places, 'On Sunday we cycled up to St. Ottilien and back.', 'en')).toContain(
      'LOCATION:St. Ottilien',
    )
    expect(found(places, 'On St. Patrick’s Day we stayed home.', 'en')).toEqual([])
  })

  it('English: a listed place that is also a word, capitalised after "to the"; lower case stays', () => {
    expect(found(places, 'After lunch we walked down to the Lido with the kids.', 'en')).toContain(
      'LOCATION:Lido',
    )
    expect(found(places, 'After lunch we walked down to the lido with the kids.', 'en')).toEqual([])
  })

  it('Spanish/Italian: a listed place after "de" that is a German function word ("Ins")', () => {
    expect(found(places, 'Trabajo en una granja de Ins desde marzo.', 'es')).toContain('LOCATION:Ins')
    expect(found(places, 'Lavoro in un negozio di Lugano da marzo, con la mia amica.', 'it')).not.toContain(
      'LOCATION:la',
    )
  })

  it('a Swiss place-name shape in a Spanish, Italian or English text; a German compound noun stays', () => {
    expect(found(places, 'Los domingos subimos al Hasliberg con los niños.', 'es')).toContain(
      'LOCATION:Hasliberg',
    )
    expect(found(places, 'Fue como un Schuldenberg enorme, de verdad.', 'es')).toEqual([])
  })

  it('a street without its number after an article of place when its first part is no word', () => {
    expect(found(places, 'morn muess i no a de chäsliweg go luege, de isch zue', 'de')).toContain(
      'LOCATION:chäsliweg',
    )
    expect(found(places, 'Wir gingen am Waldweg entlang und dann auf dem Schulweg heim.', 'de')).toEqual([])
  })
})

describe('R7.2 recogniser: organisations by cue and shape (set F kinds)', () => {
  it('a listed bank that is also a compound noun after "bei der"; the bare type word stays', () => {
    expect(found(organisations, 'Das Konto habe ich bei der Raiffeisenbank in Sursee.', 'de')).toContain(
      'ORGANIZATION:Raiffeisenbank',
    )
    expect(found(organisations, 'Ich war bei der Bank und danach zur Kasse.', 'de')).toEqual([])
  })

  it('a quoted title after a word for a newspaper; a quoted ordinary word without one stays', () => {
    expect(
      found(organisations, 'Ich lese jeden Morgen die Zeitung «Thuner Bote» beim Kaffee.', 'de'),
    ).toContain('ORGANIZATION:Thuner Bote')
    expect(found(organisations, 'Ho visto un annuncio sul giornale «Il Ticinese» ieri.', 'it')).toContain(
      'ORGANIZATION:Il Ticinese',
    )
    expect(found(organisations, 'Er nannte das «Kinderkram» und ging.', 'de')).toEqual([])
  })

  it('capitals after a lower-case contracted article; shouted function words stay', () => {
    expect(found(organisations, 'Tengo un certificado del SOLA de Bogotá.', 'es')).toContain(
      'ORGANIZATION:SOLA',
    )
    expect(found(organisations, 'No me importa nada del RAV ni de NADA.', 'es')).toEqual([])
  })

  it('a capitalised -lich/-isch adjective before a compound noun mid-sentence; set phrases stay', () => {
    expect(found(organisations, 'Ich habe dann das Kirchliche Sorgennetz angerufen.', 'de')).toContain(
      'ORGANIZATION:Kirchliche Sorgennetz',
    )
    expect(
      found(
        organisations,
        'Wir sprachen über die Künstliche Intelligenz und die Französische Revolution.',
        'de',
      ),
    ).toEqual([])
  })
  it('a name before a hyphen and a service head (also Swiss -ig); kinds of service stay', () => {
    expect(found(organisations, 'Si isch zwöimol bi de Grüenkreuz-Beratig gsi.', 'de')).toContain(
      'ORGANIZATION:Grüenkreuz-Beratig',
    )
    expect(found(organisations, 'Ich war bei der Spitex-Beratung im Dorf.', 'de')).toContain(
      'ORGANIZATION:Spitex-Beratung',
    )
    expect(
      found(organisations, 'Die Sucht-Beratung, die Budget-Beratig und die Laufbahn-Beratung halfen.', 'de'),
    ).toEqual([])
  })
})
