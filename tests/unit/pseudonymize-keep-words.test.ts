import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { wordInfo } from '@/lib/privacy/pseudonymize/dictionary'
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

describe('R7.2 keep words: fixed expressions around a known name', () => {
  it('a known surname or first name inside a several-word expression is the expression', () => {
    const out = run(
      'Bald weiss es jeder Hinz und Kunz, und ich bin nicht Hans im Glück.',
      'Petra Kunz',
      'Hans Meier',
    )
    expect(out).toContain('Hinz und Kunz')
    expect(out).toContain('Hans im Glück')
  })
  it('the known name outside the expression, or with its other name part, is still replaced', () => {
    const out = run('Petra Kunz sagt, jeder Hinz und Kunz wisse es. Frau Kunz lacht.', 'Petra Kunz')
    expect(out).not.toMatch(/Petra|Frau Kunz/)
    expect(out).toContain('Hinz und Kunz')
  })
  it('dish names with a place adjective are dishes, also after a name', () => {
    const out = run(
      'Am Sonntag hat Frau Gerber Berner Platte gekocht, ich brachte Basler Läckerli.',
      undefined,
      'Anna Berner',
    )
    expect(out).toContain('Berner Platte')
    expect(out).toContain('Basler Läckerli')
    expect(out).not.toContain('Gerber')
  })
  it('literary and joke figures with an article: un Don Juan, il solito Pierino', () => {
    expect(run('Mi primo dice que soy un Don Juan sin remedio.', 'Juan Pablo Ortega')).toContain(
      'un Don Juan',
    )
    expect(run('Mia zia dice che sono il solito Pierino, sempre a scherzare.')).toContain('Pierino')
  })
})

describe('R7.2 keep words: Swiss German spellings of common words', () => {
  it('-scht-, final -ig and initial ch- are read as -st-, -ik and k-', () => {
    expect(wordInfo('de', 'Angscht').noun).toBe(true)
    expect(wordInfo('de', 'Fabrig').noun).toBe(true)
    expect(wordInfo('de', 'Chopf').noun).toBe(true)
    // A word the dictionary knows as it stands is untouched: "Chur" stays a proper name.
    expect(wordInfo('de', 'Chur').noun).toBe(false)
    expect(run('mis grosi seit geng, vo musig cha me nid läbe, u i ha Angscht.')).toContain('vo musig')
  })
})

describe('R7.2 keep words: capitalised words that are no names', () => {
  it('an English adjective with a capital is a department, not a person or place', () => {
    const out = run('I had a row with a manager from Regulatory, and later Finance called.')
    expect(out).toContain('from Regulatory')
  })
  it('a German noun kept in a Spanish or Italian text is a word', () => {
    expect(run('Los domingos preparo Zopf con mantequilla para todos.')).toContain('Zopf')
    expect(run('Il sabato mangio Knödel con la mia famiglia.')).toContain('Knödel')
  })
})

describe('R7.2 keep words: language names as adjectives of nationality and cuisine', () => {
  it('a language name before an ordinary noun stays', () => {
    const out = run('After the shift we had Thai curry, and my aunt told one of her Swedish stories.')
    expect(out).toContain('Thai curry')
    expect(out).toContain('Swedish stories')
  })
  it('a language name that is a given name, before a verb, is still a name', () => {
    expect(run('Yesterday Thai called me about the rent.')).not.toContain('Thai')
  })
})

describe('R7.2 keep words: seasons and one-edit forms of a known name', () => {
  it('a season with a time word is the season, the coach of that name is still replaced', () => {
    const out = run(
      'Seit letztem Sommer schlafe ich schlecht. Frau Sommer meint, das gehe vorbei.',
      undefined,
      'Eva Sommer',
    )
    expect(out).toContain('Seit letztem Sommer')
    expect(out).not.toContain('Frau Sommer')
  })
  it('a common English word one edit from the client name is the word without a name cue', () => {
    const out = run('The nights are long. Winter will not win this time. Ms Winter laughed.', 'Ruth Winters')
    expect(out).toContain('Winter will not win')
    expect(out).not.toContain('Ms Winter')
  })
})

describe('R7.2 keep words: nouns after an article in lower-case dictation', () => {
  it('"am bach", "das tat gut" are nouns, a first name after a title is still a name', () => {
    const out = run('gestern bin ich am bach gewesen und das tat gut. frau hunziker war auch da mit elena.')
    expect(out).toContain('am bach')
    expect(out).toContain('das tat gut')
    expect(out).not.toMatch(/hunziker|elena/)
    // After a relation, or speaking, the same shape is the person.
    const person = run('das hat mir mein schwager der kai mitgebracht. der linus hat gesagt es sei gut.')
    expect(person).not.toMatch(/kai|linus/)
  })
})

describe('R7.2 keep words: set phrases whose word is a known name', () => {
  it('grob gesagt, good lord, frei genommen stay; a title before the name still says name', () => {
    expect(run('Grob gesagt war es ein guter Tag.', undefined, 'Sara Grob')).toContain('Grob gesagt')
    expect(run('good lord, what a week. cheers', 'Tom Lord')).toContain('good lord')
    const out = run('Sie hat sich zwei Tage frei genommen. Frau Frei nehmen wir mit.', 'Petra Frei')
    expect(out).toContain('frei genommen')
    expect(out).not.toContain('Frau Frei')
  })
})

describe('R7.2 keep words: Romansh kinship words', () => {
  it('"Nona" (grandmother) before a name is the relation; the name after it is replaced', () => {
    const out = run(
      'Am Sunntig bin i bi dr Nona Mengia z Besuech gsi, und mini Nona in Ilanz het Chueche gmacht.',
    )
    expect(out).toContain('dr Nona [PERSON')
    expect(out).toContain('mini Nona in')
    expect(out).not.toContain('Mengia')
  })
})

describe('R7.2 keep words: plural nouns one edit from a known name', () => {
  it('"Die Berge" near a coach Berger is the mountains; "Frau Berger" is still replaced', () => {
    const out = run(
      'Wir waren wandern. Die Berge waren ganz rot. Frau Berger fragte nach.',
      undefined,
      'Karin Berger',
    )
    expect(out).toContain('Die Berge waren')
    expect(out).not.toContain('Frau Berger')
  })
})

describe('R7.2 keep words: more set phrases and English jargon', () => {
  it('Staub aufwirbeln and "Gut, dass" with a coach of that name stay', () => {
    const out = run(
      'Ich will keinen Staub aufwirbeln. Gut, dass morgen Freitag ist. Frau Staub weiss es.',
      undefined,
      'Lea Staub',
    )
    expect(out).toContain('Staub aufwirbeln')
    expect(out).toContain('Gut, dass')
    expect(out).not.toContain('Frau Staub')
  })
  it('a lower-case word after "in" in a capitalised English text is no place', () => {
    const out = run('I might stay in fintech or move to Basel next year.')
    expect(out).toContain('in fintech')
    expect(out).not.toContain('Basel')
  })
})

describe('R7.2 keep words: a speaker answers with a word and a comma', () => {
  it('"Klientin: Gut, danke." is an answer; a name field with a comma still holds a name', () => {
    const answer = run('Coach: Wie geht es Ihnen?\nKlientin: Gut, danke. Klient: Genau, so war es.')
    expect(answer).toContain('Klientin: Gut, danke.')
    expect(answer).toContain('Klient: Genau, so war es.')
    const field = run('Klientin: Fröhlich, Anna\nName: Gut, Barbara\nKlient: Oberholzer, 45 Jahre')
    expect(field).not.toMatch(/Fröhlich|Anna|Gut|Barbara|Oberholzer/)
  })
})
