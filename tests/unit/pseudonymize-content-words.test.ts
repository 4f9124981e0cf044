import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: content words that name-shaped rules took for people (after set H); made-up sentences only.
const run = (text: string, client?: string, coach?: string) =>
  pseudonymize(text, {
    client: client ? { name: client } : undefined,
    coach: coach ? { name: coach } : undefined,
  }).text

describe('R7.2 content words: nationality and language adjectives', () => {
  it('German -isch adjectives of the dictionary are the language, a place in -isch is not', () => {
    const out = run('Frau Brunner spricht Ungarisch und ein wenig Tamilisch, sagt Jolanda Brunner.')
    expect(out).toContain('Ungarisch')
    expect(out).toContain('Tamilisch')
    expect(out).not.toContain('Jolanda')
  })
  it('English -ish and -ese adjectives and adjectives built on country names stay', () => {
    const out = run(
      'My landlord is Senegalese, his wife is Kenyan and their friend is Polish. Gregory Baines agreed.',
    )
    expect(out).toContain('Senegalese')
    expect(out).toContain('Kenyan')
    expect(out).toContain('Polish')
    expect(out).not.toContain('Baines')
  })
})

describe('R7.2 content words: the names of animals', () => {
  it('a name right after an animal noun, its article, a comma or "and" is the animal', () => {
    expect(run('We adopted a dog, Pepper, last spring.')).toContain('Pepper')
    const de = run('Auf der Weide stehen die Ziegen vom Nachbarn, die Heidi und die Lotti.')
    expect(de).toContain('Lotti')
    expect(run('Il gatto Romeo dorme tutto il giorno.')).toContain('Romeo')
  })
  it('lower-case dictation: the article a few words after the animal noun', () => {
    expect(run('am abend war die katze wieder weg die luna kommt immer spät heim')).toContain('luna')
  })
  it('the owner after von/de/of, and a person after a link word, are still people', () => {
    expect(run('Der Hund von Sandra Keller bellt.')).not.toContain('Sandra')
    expect(run('El perro de Ramiro Fuentes ladra toda la noche.')).not.toContain('Ramiro')
    expect(run('der hund schläft und die sandra kocht')).not.toContain('sandra')
    // A bare comma: an apposition closes; the next subject of a list is a person.
    expect(run('Die Katze, Margrit und ich sassen im Garten.')).not.toContain('Margrit')
  })
  it('a known name after an animal noun is still replaced', () => {
    expect(run('Our dog Emma sleeps.', 'Emma Lowry')).not.toContain('Emma')
  })
})

describe('R7.2 content words: diseases, car models, quoted titles', () => {
  it('a disease named after a person, also without "disease", stays; with a title it is a person', () => {
    expect(run('A su madre le diagnosticaron Alzheimer el año pasado.')).toContain('Alzheimer')
    expect(run('Ich habe mit Frau Alzheimer telefoniert.')).not.toContain('Alzheimer')
  })
  it('the word after a make of car is the model', () => {
    expect(run('Ho comprato una vecchia Lancia Ypsilon usata.')).toContain('Ypsilon')
  })
  it('a quoted title opening with an article stays; a quoted name does not', () => {
    expect(run('She recommended "The Long Road of Quiet Days" to me.')).toContain(
      'The Long Road of Quiet Days',
    )
    expect(run('He signs his mails "Donald Pettigrew" now.')).not.toContain('Pettigrew')
  })
})

describe('R7.2 content words: kinship words and famous figures', () => {
  it('kinship words of address are no names', () => {
    expect(run('I still have to ring Mam about Sunday.')).toContain('Mam')
    expect(run('Ig bi mit dr Grosmueter im Garte gsi.')).toContain('Grosmueter')
  })
  it('famous figures used as words stay', () => {
    expect(run('Er fühlt sich wie Kafka im Büro.')).toContain('Kafka')
    expect(run('No soy Maradona, no puedo con todo.')).toContain('Maradona')
  })
})
