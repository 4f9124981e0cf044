import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'
import { isCultureWord } from '@/lib/privacy/pseudonymize/culture-words'

// R7.2: content words of the clients' cultures stay (keep rate), identifiers beside them still go. Added after
// unseen set L; every sentence here is made up.
const run = (text: string, client?: string, coach?: string) =>
  pseudonymize(text, {
    client: client ? { name: client } : undefined,
    coach: coach ? { name: coach } : undefined,
  }).text

describe('R7.2 culture words: the list (data/culture-words.json)', () => {
  it('feasts and festivals of Irish, Scottish, Andean and Basel clients stay', () => {
    const en = run("We never miss Burns Night, and on Paddy's Day Siobhan Kilbride sings at the pub.")
    expect(en).toContain('Burns Night')
    expect(en).toContain("Paddy's Day")
    expect(en).not.toContain('Kilbride')
    expect(run('Para Inti Raymi cocinamos con la vecina, Yolanda Quispe.')).toContain('Inti Raymi')
    const gsw = run('Am Morgestraich si mir mit dr Gugge uf dr Stross gsi, dr Urs Ebnöther au.')
    expect(gsw).toContain('Morgestraich')
    expect(gsw).not.toContain('Ebnöther')
  })
  it('grape varieties and wines stay, the vintner beside them does not', () => {
    const it_ = run("Abbiamo vendemmiato il Merlot e un po' di Nebbiolo con Dario Pedrazzini.")
    expect(it_).toContain('Merlot')
    expect(it_).toContain('Nebbiolo')
    expect(it_).not.toContain('Pedrazzini')
    expect(run('Un vaso de Fendant con Lucía Barreiro en la terraza.')).toContain('Fendant')
  })
  it('folk and fiction figures, language and dialect names, dishes and feeling loanwords stay', () => {
    expect(run('Mi abuela hablaba de la Pachamama y de Pinocho.')).toContain('Pinocho')
    expect(run('He sings in Gaelic with Alasdair Munro.')).toContain('Gaelic')
    expect(run('Her aunt cooks Älplermagronen for us every Sunday.')).toContain('Älplermagronen')
    expect(run('Saudade, so nennt es meine Mutter, sagt Frau Ribeiro.')).toContain('Saudade')
  })
  it('a known name inside a listed expression reads as the expression; alone it is replaced', () => {
    const out = run(
      'Sie zündet eine Kerze für die Virgen del Carmen an. Später ruft Carmen an.',
      'Lea Graf',
      'Carmen Obrist',
    )
    expect(out).toContain('Virgen del Carmen')
    expect(out).not.toContain('ruft Carmen')
  })
})

describe('R7.2 culture words: rules by context (culture-words.ts)', () => {
  it('a saint named after a day word is the feast; the same saint name as a person or place is not', () => {
    expect(run('Dopodomani è San Martino e mangiamo le castagne.')).toContain('San Martino')
    expect(run('La noche de San Juan saltamos las hogueras.')).toContain('San Juan')
    expect(run('Domani viene Martino Bernasconi a trovarci.')).not.toContain('Bernasconi')
    // "St. Gallen" is no saint's given name: a place even after a day word.
    expect(run('On the feast of St. Gallen we met again.')).not.toContain('Gallen')
  })
  it('"la Virgen de X" is the Marian figure; a parish named after it keeps its place reading', () => {
    expect(run('Mi tía le reza a la Virgen de Cocharcas cada noche.')).toContain('Virgen de Cocharcas')
    expect(isCultureWord('Vivimos en Virgen de Cocharcas desde mayo.', 11, 31, 'LOCATION', 'es')).toBe(false)
  })
  it('a consumer brand as the product stays; as the employer it is replaced', () => {
    expect(run('Nach der Schicht trinke ich zu viel Coca-Cola.')).toContain('Coca-Cola')
    expect(run('We shared an Uber back from the station.')).toContain('Uber')
    expect(run('Since May I drive for Uber at night.')).not.toContain('Uber')
    expect(run('Mi hermano trabaja en Netflix desde enero.')).not.toContain('Netflix')
  })
  it('a feeling noun that is a surname: the feeling after an article or as a one-word answer', () => {
    expect(run('Coach: Was hindert Sie?\nKlient: Zorn, glaube ich.')).toContain('Zorn')
    expect(run('Mein Stolz steht mir im Weg.')).toContain('Stolz')
    // The person: a title, or a given name after the comma of a form field.
    expect(run('Heute hat Frau Stolz angerufen.')).not.toContain('Stolz')
    expect(run('Klientin: Stolz, Andrea\nGeboren: 1984')).not.toContain('Stolz')
  })
  it('German names of language forms on -deutsch stay; a surname does not', () => {
    expect(run('In der Schule reden alle nur Berndeutsch mit mir.')).toContain('Berndeutsch')
    expect(run('Frau Deutschmann hat angerufen.')).not.toContain('Deutschmann')
  })
  it('a name followed by an animal noun in apposition is the animal; by a person noun it is a person', () => {
    expect(run('La Stella, la capra più giovane, è scappata di nuovo.')).toContain('Stella')
    expect(run('La Stella, la vicina di casa, è scappata di nuovo.')).not.toContain('Stella')
  })
  it('a one-name singer after a song word is the singer; the same name acting is a person', () => {
    expect(run('Stasera ascolto una canzone di Vasco in macchina.')).toContain('Vasco')
    expect(run('Ieri Vasco mi ha scritto di nuovo.')).not.toContain('Vasco')
  })
  it('a song title in quotes after a singing verb stays; an unquoted place does not', () => {
    expect(run('At the ceilidh my uncle sang "Loch Fyne" far too loud.')).toContain('Loch Fyne')
    expect(isCultureWord('We drove to Loch Fyne on Sunday.', 12, 21, 'LOCATION', 'en')).toBe(false)
  })
  it('Swiss German: a dialect noun after the article stays, a listed surname after it does not', () => {
    expect(run('I ha dr Bärg gärn, aber dr Wäg isch wyt.')).toContain('Bärg')
    expect(run('Geschter het dr Bärtschi aglüte, er chunnt morn.')).not.toContain('Bärtschi')
  })
  it('keep trap: ordinary words and a famous person used as a word are left alone', () => {
    const out = run('Das war ein echter Einstein-Moment, sagt Herr Gasser, und dann gab es Glühwein.')
    expect(out).toContain('Glühwein')
    expect(out).not.toContain('Gasser')
  })
})
