import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2: organisation rules of round pii-r-org4. Made-up sentences only; each rule with a keep trap.
const run = pseudonymized
const values = (text: string, type = 'ORGANIZATION') => foundOfType(text, type)

describe('made-up names with a capital inside', () => {
  it('takes apps, platforms and firms so written where a name stands', () => {
    expect(values('Er wettet jeden Abend auf LuckySpin und verliert.')).toEqual(['LuckySpin'])
    expect(values('I lost it all through the BetKing app on Saturday.')).toEqual(['BetKing'])
    expect(values('Ho chiesto aiuto tramite PlayStop, ma non basta.')).toEqual(['PlayStop'])
    expect(values('Mi hermano trabaja en la oficina de CleanWave desde marzo.')).toEqual(['CleanWave'])
  })
  it('keeps surnames, job jargon, short abbreviations and apps used as the medium', () => {
    for (const text of [
      "I'm a DevOps lead and on call every second week.",
      'We FaceTime on Sundays, but the time difference is hard.',
      'Ich mache die Lehre als FaGe im Altersheim.',
      // (Another rule takes "the VanDykes" already; the capital-inside rule leaves the particle names alone.)
      'We had dinner with the MacLeods last week.',
    ])
      expect(values(text)).toEqual([])
  })
})

describe('banks and insurers after their own name', () => {
  it('takes the name with the word, capitalised and dictated', () => {
    expect(values('Er hat dreissig Jahre bei der Talwind Bank gearbeitet.')).toEqual(['Talwind Bank'])
    expect(values('Die Unterlagen von der Meravita Krankenkasse sind da.')).toEqual(['Meravita Krankenkasse'])
    expect(values('sie kommt morgen mit den unterlagen von der meravita krankenkasse vorbei')).toEqual([
      'meravita krankenkasse',
    ])
  })
  it('keeps the words alone', () => {
    const text = 'Meine Krankenkasse zahlt nicht, und die Versicherung auch nicht.'
    expect(run(text)).toBe(text)
  })
})

describe('a firm before a hyphen and a part of a firm', () => {
  it('takes a word no dictionary knows before -Campus or -Filiale', () => {
    expect(values('Ich komme direkt vom Veltrax-Campus, es war ein langer Tag.')).toEqual(['Veltrax'])
  })
  it('keeps ordinary words there', () => {
    const text = 'Wir trafen uns auf dem Uni-Campus und assen in der Kantine.'
    expect(run(text)).toBe(text)
  })
})

describe('dictated institutions with their seat or an adjective name', () => {
  it('takes a compound head and a listed place, and an adjective before the seat', () => {
    expect(values('im büro bei der gemeindeverwaltung cham ist alles ruhig')).toEqual([
      'gemeindeverwaltung cham',
    ])
    expect(values('meine tochter hat in der bezirksschule baden wieder probleme')).toEqual([
      'bezirksschule baden',
    ])
    expect(values('ich will wieder im salon haargenau in buochs arbeiten')).toContain('salon haargenau')
  })
  it('keeps a short head before a verb, a conjunction, and how one was treated or did at school', () => {
    for (const text of [
      'nach der schule baden gehen wir immer im see',
      'ich frage beim verkehrsverein oder bei der gemeinde nach',
      'ich war in der schule gut in mathe und schlecht in deutsch',
    ])
      expect(values(text)).toEqual([])
    expect(run('ich war im spital ambulant in behandlung')).toContain('spital ambulant')
  })
})

describe('new head words', () => {
  it('takes libraries, academies, cooperatives, climbing halls, casinos and undertakers with their names', () => {
    expect(values('Domani vado in Biblioteca Dorata con un amico.')).toEqual(['Biblioteca Dorata'])
    expect(values('Mi hijo estudia en la Academia Minerva desde septiembre.')).toEqual(['Academia Minerva'])
    expect(values('Lavoro alla Cooperativa Arcobaleno come educatrice.')).toEqual(['Cooperativa Arcobaleno'])
    expect(values('Die Rechnung vom Bestattungsinstitut Vogel ist noch offen.')).toEqual([
      'Bestattungsinstitut Vogel',
    ])
    expect(values('Das Formular ging an die Spielbank Baden.')).toEqual(['Spielbank Baden'])
  })
  it('keeps the words alone', () => {
    const text = 'Ich lerne in der Biblioteca, und nachher gehe ich in die Kletterhalle.'
    expect(run(text)).toBe(text)
  })
})

describe('English type word in lower case after a listed name', () => {
  it('takes "the Nelson surgery"', () => {
    expect(values('Dr Lewis at the Nelson surgery gave me something for sleep.')).toContain('Nelson surgery')
  })
  it('keeps a day before the type word', () => {
    expect(values('She took me to the Friday clinic, where they were kind.')).toEqual([])
  })
})

describe('Italian and Spanish firms after a word of working', () => {
  it('takes a firm named like a family or a word before its seat', () => {
    expect(values('Magazziniere alla Ferraris di Chiasso, da tre anni.')).toEqual(['Ferraris'])
    expect(values('Poi io in fabbrica alla Lanificio di Biella, lei a casa.')).toEqual(['Lanificio'])
  })
  it('keeps a colleague and a given name', () => {
    expect(values('Lavoro con la Rossi di Milano da anni, è brava.')).toEqual([])
    expect(values('Ho parlato alla Maria di Roma ieri sera.')).toEqual([])
  })
})

describe('an employer of two or three capitalised words after a word of working or an occupation', () => {
  it('takes the name, with its legal form', () => {
    expect(values('Min Maa isch Lastwagechauffeur bi de Camion Zänd in Altstätte.')).toContain('Camion Zänd')
    expect(values('Er schaffet bi de Camion Zänd z Altstätte, sit Jahre.')).toContain('Camion Zänd')
    expect(values('Sie arbeitet bei der Brevo Logistik AG in Olten.')).toContain('Brevo Logistik AG')
  })
  it('keeps persons and words', () => {
    expect(values('Ich arbeite bei Peter Müller in der Werkstatt.')).toEqual([])
    expect(values('Sie arbeitet bei Frau Meier als Putzfrau.')).toEqual([])
    const text = 'Mein Bruder bei der Feuerwehr hilft, aber bei der Arbeit ist es streng.'
    expect(run(text)).toBe(text)
  })
})
