import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// Person rules written after unseen set H; every sentence here is made up.
const now = new Date('2026-06-01T00:00:00Z')
const run = (text: string, client?: string) =>
  pseudonymize(text, { now, ...(client ? { client: { name: client } } : {}) }).text

describe('person names (after set H)', () => {
  it("a known person's short form in an Italian or Spanish text is no German or English word there", () => {
    // "Sole" is German brine and an English fish, no Spanish word.
    expect(run('Mi madre me llamaba Sole cuando era pequeña y todavía lo hace.', 'Soledad Pérez')).toBe(
      'Mi madre me llamaba [PERSON_1] cuando era pequeña y todavía lo hace.',
    )
    // A short form that is a word of the text's own language stays the word.
    expect(run('Mira, no sé qué decirte.', 'Miranda López')).toBe('Mira, no sé qué decirte.')
  })

  it('a listed surname after a Spanish or Italian plural article is a family', () => {
    const spanish = run('Los domingos comemos con los Keller y después vemos a los Reyes Magos.')
    expect(spanish).toContain('con los [PERSON_1] y')
    expect(spanish).toContain('los Reyes Magos')
    expect(run('Este verano subimos a los Alpes con los Brunner.')).toBe(
      'Este verano subimos a los Alpes con los [PERSON_1].',
    )
    expect(run('A Natale ci sono anche i Bernasconi, come ogni anno.')).toContain('anche i [PERSON_1],')
  })

  it('a listed name opening the answer to a question about a relation is that person', () => {
    const italian = run(
      'Coach: E tuo fratello?\nCliente: Simone sta meglio, ha trovato lavoro.\nCoach: E tua madre?\nCliente: Bene, grazie.',
    )
    expect(italian).toContain('Cliente: [PERSON_1] sta meglio')
    expect(italian).toContain('Cliente: Bene, grazie.')
    expect(run('Coach: Und dein Chef?\nKlientin: Der Schneider? Der ist nie da.')).toContain(
      'Klientin: Der [PERSON_1]? Der ist nie da.',
    )
    expect(run('Coach: ¿Y tu pareja?\nClienta: Rosa dice que tengo que descansar más.')).toContain(
      'Clienta: [PERSON_1] dice',
    )
    // Lower-case dictation has no question marks: the relation word in the turn before is enough.
    expect(run('coach e tua moglie come sta\ncliente la viola è contenta ha cambiato lavoro')).toContain(
      'cliente la [PERSON_1] è contenta',
    )
    // Without a question about a relation the word stays a word.
    expect(
      run('Coach: Und sonst, wie war die Woche?\nKlientin: Der Schneider hat mir die Hose gekürzt.'),
    ).toContain('Der Schneider hat')
    expect(run('Coach: ¿Y el trabajo?\nClienta: Rosa es el color de mi uniforme nuevo.')).toContain(
      'Rosa es el color',
    )
  })

  it('a given name with an age after it is a person; a number word in dictation is the number', () => {
    const text = run(
      'coach e i bambini come stanno\ncliente abbiamo la piccola rosa di tre anni e sono arrivate due lettere',
    )
    expect(text).toContain('la piccola [PERSON_1] di tre anni')
    expect(text).toContain('sono arrivate due lettere')
    expect(run('cliente sono arrivate due lettere dal comune e la rosa in giardino è fiorita')).toBe(
      'cliente sono arrivate due lettere dal comune e la rosa in giardino è fiorita',
    )
  })
})

describe('review list (suspects) after set H', () => {
  const values = (text: string) => pseudonymize(text, { now }).suspects.map((s) => s.value)

  it('lists a word no dictionary knows also after an article', () => {
    expect(values('Am Wochenende waren wir im Brunnwiler und haben im Hotel übernachtet.')).toEqual([
      'Brunnwiler',
    ])
    expect(values('Ieri sono andata alla Zerbonix con mia sorella, poi al mercato.')).toEqual(['Zerbonix'])
    // A noun after an article stays off the list.
    expect(values('Wir sassen im Garten und tranken einen Kaffee.')).toEqual([])
  })

  it('lists unknown words of Italian, Spanish or English dictation, not Swiss German dialect', () => {
    expect(
      values(
        'nota vocale oggi ho chiamato la ditta zerbonix di val morobbia per il lavoro e poi sono andata a casa',
      ),
    ).toEqual(['zerbonix', 'morobbia'])
    expect(values('hüt bin ich mit de chind i d stadt gsi und mer hend es glace gässe')).toEqual([])
  })

  it('lists a short acronym left in the text, weakest; "OK" is none', () => {
    const suspects = pseudonymize('My UK friends said it was OK.', { now }).suspects
    expect(suspects.map((s) => [s.value, s.score])).toEqual([['UK', 0.3]])
  })
})
