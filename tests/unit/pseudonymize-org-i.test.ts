import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7: organisation shapes and keep words added after unseen set I; made-up sentences only.
const run = (text: string) => pseudonymize(text).text

describe('R7 organisations: inns, venues and councils', () => {
  it('a -stube compound after a neuter article is the inn, a room after "in der" stays', () => {
    expect(run('Am Abig simmer no im Seeblickstube gsi und händ es Bier gha.')).not.toContain('Seeblickstube')
    expect(run('Wir sassen lange in der Wohnstube und redeten.')).toContain('Wohnstube')
    expect(run('Das lernt man in der Kinderstube.')).toContain('Kinderstube')
  })

  it('a possessive name before a venue word is one organisation', () => {
    const out = run("We had dinner at Morley's Tavern on Friday.")
    expect(out).not.toContain('Morley')
    expect(out).toContain('[ORGANISATION_1]')
    expect(run("It's the kids' hotel for the summer.")).toContain("kids' hotel")
  })

  it('a council with its place is an organisation; before a surname it is a title', () => {
    const out = run('Sie will im Herbst für den Gemeinderat Wiesental kandidieren.')
    expect(out).toContain('[ORGANISATION_1]')
    expect(out).not.toContain('Wiesental')
    expect(run('Ich will in den Kantonsrat.')).toContain('Kantonsrat')
    expect(run('Stadtrat Meier hat entschieden.')).toMatch(/Stadtrat \[PERSON_1\]/)
  })
})

describe('R7 organisations: group names and Latin institution names', () => {
  it('an unknown name before "-Gruppe" or "-Konzern" is the firm; apps and nouns stay', () => {
    expect(run('Seit die Korvanis-Gruppe den Laden gekauft hat, ist alles anders.')).toContain(
      '[ORGANISATION_1]-Gruppe',
    )
    const out = run('Die WhatsApp-Gruppe und die Selbsthilfe-Gruppe treffen sich.')
    expect(out).toContain('WhatsApp-Gruppe')
    expect(out).toContain('Selbsthilfe-Gruppe')
  })

  it('a Latin neuter no dictionary knows after "am"/"im" is an institution; Museum and Aquarium stay', () => {
    expect(run('Die Weiterbildung mache ich am Lernarium in der Stadt.')).not.toContain('Lernarium')
    const out = run('Wir waren im Museum, im Aquarium und im Planetarium.')
    expect(out).toContain('Museum')
    expect(out).toContain('Aquarium')
    expect(out).toContain('Planetarium')
  })

  it('makes of car and brands of beer are organisations', () => {
    expect(run('Er arbeitet seit Jahren bei Bugatti im Elsass.')).not.toContain('Bugatti')
    expect(run('Früher hat er bei Guinness in Dublin gearbeitet.')).not.toContain('Guinness')
  })
})

describe('R7.2 keep words: holidays and seasons, services, pets named by a verb', () => {
  it('religious holidays and seasons in several languages are no names', () => {
    expect(run('We always fly home for Diwali and stay two weeks.')).toContain('Diwali')
    expect(run('Durante la Quaresima mia nonna non mangia carne.')).toContain('Quaresima')
    expect(run('En Cuaresma vamos al pueblo con la familia.')).toContain('Cuaresma')
    expect(run('Zu Hanukkah kommen alle Cousins.')).toContain('Hanukkah')
  })

  it('the civilian service is a service, not an organisation', () => {
    expect(run('Nach der Lehre mache ich Zivildienst in einem Heim.')).toContain('Zivildienst')
  })

  it('the name after "si chiama", "se llama", "heisst übrigens" and an animal is the pet', () => {
    expect(run('Abbiamo un cane che si chiama Bartolo, è vecchio.')).toContain('Bartolo')
    expect(run('Tengo una gata que se llama Pimienta y duerme.')).toContain('Pimienta')
    expect(run('der hund heisst übrigens fips der bellt immer')).toContain('fips')
    expect(run('Mein Nachbar heisst übrigens Merlin.')).not.toContain('Merlin')
  })
})
