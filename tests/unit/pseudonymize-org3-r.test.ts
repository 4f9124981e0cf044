import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2: organisations, medications and persons of round pii-r-org3. Made-up sentences only; each rule with a
// keep trap.
const run = pseudonymized
const values = foundOfType

describe('private foundations and associations are organisations', () => {
  it('takes Pro Senectute, Pro Juventute, the Red Cross and the Dargebotene Hand', () => {
    expect(values('Ich war letzte Woche bei der Pro Senectute wegen der Steuern.', 'ORGANIZATION')).toEqual([
      'Pro Senectute',
    ])
    expect(values('Mit der Vorlage vo de Pro Juventute gaht das guet.', 'ORGANIZATION')).toEqual([
      'Pro Juventute',
    ])
    expect(values('Sie hat beim Roten Kreuz einen Kurs gemacht.', 'ORGANIZATION')).toEqual(['Roten Kreuz'])
  })
  it('keeps public bodies and helplines as content', () => {
    const text = 'Die KESB hat geschrieben, und die Spitex kommt am Montag.'
    expect(run(text)).toBe(text)
  })
})

describe('dialect and inflected forms of listed names of several words', () => {
  it('reads Swiss German adjective endings and the dialect noun', () => {
    expect(values('U für d Notfäll: d Dargebotni Hand, Nummere 143.', 'ORGANIZATION')).toEqual([
      'Dargebotni Hand',
    ])
    expect(values('Ich gang id Gruppe vom Blaue Chrüz, jede Mäntig.', 'ORGANIZATION')).toEqual([
      'Blaue Chrüz',
    ])
    expect(values('Sie rief bei der Dargebotenen Hand an.', 'ORGANIZATION')).toEqual(['Dargebotenen Hand'])
  })
  it('keeps the words apart', () => {
    const text = 'Er het mir d Hand gäh, und im Chrüz tuets weh.'
    expect(run(text)).toBe(text)
  })
})

describe('inns named by their sign in dictated lower case', () => {
  it('takes the inn after an inn preposition', () => {
    expect(
      values('früher jassen im rössli in der stadt mit den kollegen und dann heim', 'ORGANIZATION'),
    ).toEqual(['rössli'])
    expect(values('am sonntag waren wir im löwen essen mit der ganzen familie', 'ORGANIZATION')).toEqual([
      'löwen',
    ])
  })
  it('keeps signs that are nouns without a word of going out', () => {
    const text = 'ich habe seit gestern schmerzen im kreuz und der löwe im zoo schläft'
    expect(run(text)).toBe(text)
  })
})

describe('childcare named like the Hort and the Krippe', () => {
  it('takes the name after a compound on -hort or -krippe', () => {
    expect(
      values(
        'ich verdiene weniger als sie im kinderhort chäferli und sie will immer halbe halbe',
        'ORGANIZATION',
      ),
    ).toEqual(['kinderhort chäferli'])
    expect(values('Die Kinder sind am Nachmittag im Schülerhort Sunnematt.', 'ORGANIZATION')).toEqual([
      'Schülerhort Sunnematt',
    ])
  })
  it('keeps the verb after a fronted place phrase', () => {
    for (const text of [
      'ich bin froh, im kinderhort spielen sie viel und ich habe zeit',
      'ich bin froh, in der kita spielen sie draussen und ich habe zeit',
      'Im Kinderhort haben sie heute gebastelt.',
    ])
      expect(run(text)).toBe(text)
  })
})

describe('a given name coordinated with a person under the same article', () => {
  it('takes the word reading of a given name as the person', () => {
    expect(
      values('früher waren wir oft unterwegs mit dem ernst und dem fredi aber der fredi ist alt', 'PERSON'),
    ).toEqual(['ernst', 'fredi'])
  })
  it('keeps the word where the articles differ or nothing is a person', () => {
    expect(run('mit dem ernst und dem humor geht alles leichter im leben')).toBe(
      'mit dem ernst und dem humor geht alles leichter im leben',
    )
    expect(run('Ich war mit dem Ernst der Lage und dem Fredi unzufrieden.')).toContain('dem Ernst der Lage')
  })
})

describe('medications', () => {
  it('takes brand names in dictated lower case after a verb of giving or a list heading', () => {
    expect(
      values('die dermatologin im spital hat mir elidel gegeben und es hilft ein wenig', 'MEDICATION'),
    ).toEqual(['elidel'])
    expect(
      values('frage sechs medikamente vitafol und seit zwei wochen cipralex jeden morgen', 'MEDICATION'),
    ).toEqual(['vitafol', 'cipralex'])
    expect(values('The doctor gave me Zoloft last week and I feel better.', 'MEDICATION')).toEqual(['Zoloft'])
  })
  it('takes a brand made of a prefix and a listed drug, and Italian INN on -ione', () => {
    expect(values('Prendo Cardioaspirina ogni mattina, da anni.', 'MEDICATION')).toEqual(['Cardioaspirina'])
    expect(values('Dice che il bupropione mi può aiutare.', 'MEDICATION')).toEqual(['bupropione'])
  })
  it('keeps ordinary objects of giving and compounds that begin with a drug', () => {
    for (const text of [
      'Sie hat mir Ruhe gegeben und viel Zeit.',
      'er hat mir das buch gegeben und ich habe es gelesen',
      'Die Insulinpumpe piepst in der Nacht.',
      'She gave me advice and some time.',
      'papa hat die diagnose bekommen prostatakrebs der urologe meint es sei früh erkannt',
      'und du nimmsch medis? ja, aber nid regelmässig und nid gern',
    ])
      expect(run(text)).toBe(text)
  })
})

describe('a club after a word for its fans', () => {
  it('takes the club after "peña del", "tifoso della", "Fan vom"', () => {
    expect(values('Echa de menos el sol y a su peña del Betis. Yo no sé.', 'ORGANIZATION')).toEqual(['Betis'])
    expect(values('Mio padre è tifoso della Sampdoria da sempre.', 'ORGANIZATION')).toEqual(['Sampdoria'])
    expect(values('Er ist ein grosser Fan vom Servette und geht jede Woche.', 'ORGANIZATION')).toEqual([
      'Servette',
    ])
  })
  it('keeps what fans like without an article of a club', () => {
    for (const text of [
      'She is a big fan of jazz and of long walks.',
      'Sono tifoso del calcio, non di una squadra.',
      'Ich bin kein Fan vom Winter.',
    ])
      expect(run(text)).toBe(text)
  })
})
