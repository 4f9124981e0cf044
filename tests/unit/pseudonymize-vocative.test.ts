import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2: a listed given name addressed at the opening of an utterance is a person, also where it is a word of the
// language ("Rosa", "Serena"): after a speaker's colon or an opening quotation mark, before a comma and a clause
// (found on unseen set N: "Coach: Manolo, ¿cómo …", "Ha detto: "Nico, l'avevamo capito"").
const p = (text: string) => pseudonymize(text).text

describe('R7.2 a given name addressed at the opening of an utterance', () => {
  it('after a speaker label, in Spanish and Italian', () => {
    expect(p('Coach: Manolo, ¿cómo te fue con tu jefe?\nCliente: Regular.')).not.toContain('Manolo')
    expect(p('Terapeuta: Serena, come stai oggi?\nCliente: Meglio.')).not.toContain('Serena')
  })

  it('after an opening quotation mark', () => {
    expect(p('Mia sorella mi ha scritto: "Nico, non mollare adesso."')).not.toContain('Nico')
    expect(p('Er sagte nur: „Rosa, das war nicht fair von mir.“')).not.toContain('Rosa')
    expect(p('Mi abuela siempre decía: «Rosa, no llores por tonterías».')).not.toContain('Rosa')
  })

  it('keeps words that open an utterance the same way (keep traps)', () => {
    // Frequent words and interjections.
    expect(p('Ella dijo: "Mira, no sé qué hacer con mi vida."')).toContain('Mira')
    expect(p('Coach: Claro, lo entiendo.\nClienta: Gracias.')).toContain('Claro')
    expect(p('Clienta: Ay, no sé qué decir.\nCoach: Tranquila.')).toContain('Ay')
    expect(p('Klientin: Genau, so war es damals.')).toContain('Genau')
    // A capitalised list, not an address; a colour in running text; no comma.
    expect(p('Er sagt: „Sommer, Sonne, Strand“, das sei sein Plan.')).toContain('Sommer')
    expect(p('Die Wand ist jetzt rosa, das gefällt mir.')).toContain('rosa')
    expect(p('Sie sagte: „Rosa Socken trage ich nie.“')).toContain('Rosa')
  })
})
