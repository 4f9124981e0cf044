import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2 (places are pseudonymised, ordinary words kept): place shapes added after unseen sets J and K — streets in
// lower-case dictation, peaks and hills, Basel German street and hill heads, Romance landscape names, German
// landmark names in other languages, Swiss "-uech", a residence cue in dictation, and community-country towns.
// Made-up sentences only.
const run = pseudonymized
const found = (text: string) => foundOfType(text, 'LOCATION')

describe('streets in lower-case dictation', () => {
  it('takes a street after its town and a house number in words', () => {
    expect(found('antwort ich putze bei der metzgerei huber in thun frutigenstrasse')).toContain(
      'frutigenstrasse',
    )
    expect(found('sie wohnt jetzt an der bahnhofstrasse vierzehn und ist zufrieden')).toContain(
      'bahnhofstrasse vierzehn',
    )
  })
  it('takes a street named after a person or place without a cue', () => {
    expect(found('ich wohne seit dem sommer an der dufourstrasse und bin froh')).toContain('dufourstrasse')
  })
  it('keeps street nouns and compounds that describe a street', () => {
    const out = run('wir mussten die einbahnstrasse meiden und die umfahrungsstrasse war gesperrt')
    expect(out).toContain('einbahnstrasse')
    expect(out).toContain('umfahrungsstrasse')
    expect(run('wir sind in der sackgasse zwei mal umgekehrt und dann durch die altstadtgasse')).toContain(
      'sackgasse zwei mal',
    )
  })
})

describe('peaks and hills', () => {
  it('finds peaks on -spitz, -horn and hills on -hüsi after an article of place', () => {
    expect(found('Am Sonntag steigen wir auf den Rotspitz, wenn das Wetter hält.')).toContain('Rotspitz')
    expect(found('Mir gö am Samschtig uf ds Färmelhorn, de Bärgfüehrer chunnt mit.')).toContain('Färmelhorn')
    expect(found('Mir wei zäme uf e Guggershüsi laufe, wenn es nid rägnet.')).toContain('Guggershüsi')
  })
  it('keeps ordinary words after the same articles', () => {
    const out = run(
      'Er hat einen Spitz auf den Hund. Auf dem Bergspitz lag Schnee. Ich bin uf ds Dach gstige.',
    )
    expect(out).toContain('Spitz')
    expect(out).toContain('Bergspitz')
    expect(out).toContain('Dach')
  })
})

describe('Basel German streets and hills', () => {
  it('takes -strooss named after a town and -bärg with an unknown first part', () => {
    const out = found('D Tante wohnt am Bärnerstrooss und dr Onkel het sy Lade am Heubärg.')
    expect(out).toEqual(expect.arrayContaining(['Bärnerstrooss', 'Heubärg']))
  })
})

describe('Romance landscape names', () => {
  it('takes landscape word, "di/del" and a capitalised name', () => {
    expect(
      found('Domenica siamo andati fino al Ghiacciaio del Rodano con mio fratello, poi siamo tornati.'),
    ).toContain('Ghiacciaio del Rodano')
    expect(
      found('Il mio posto preferito è il ponte dei Sospiri, ci vado sempre con la mia amica Carla.'),
    ).toContain('Sospiri')
  })
  it('keeps holidays and steps named after famous people', () => {
    const out = run('Per il ponte di Natale andiamo al mare. Era un passo di Mozart molto bello.')
    expect(out).toContain('Natale')
    expect(out).toContain('Mozart')
  })
  it('keeps the lower-case landscape word itself', () => {
    expect(run('Quiero abrir un bar en el valle de Tarrazú con mi hermano.')).toContain('el valle de')
  })
})

describe('German landmark names in other languages', () => {
  it('takes a German adjective and landmark noun after "the"', () => {
    expect(found('We met for a coffee near the Obere Brücke before my shift.')).toContain('Obere Brücke')
  })
  it('keeps English adjectives before a landmark word', () => {
    expect(run('We walked across the Old Bridge and back.')).toContain('Old')
  })
})

describe('Swiss German forms and a residence cue in dictation', () => {
  it('finds -uech for -uch', () => {
    expect(found('Letschti Wuche bin i im Entlebuech gsi bi mim Götti.')).toContain('Entlebuech')
  })
  it('takes a listed place that is also a plural noun after a relative or a verb of living', () => {
    expect(found('mein vater in schlieren ruft jeden abend an')).toContain('schlieren')
    expect(found('ich wohne in wangen seit dem sommer')).toContain('wangen')
  })
  it('keeps the plural noun elsewhere', () => {
    expect(run('die entfernung in meilen ist gross und das glas zeigt streifen in schlieren')).toContain(
      'in meilen',
    )
  })
})

describe('towns of the client communities', () => {
  it('finds Irish counties and smaller towns of the community countries', () => {
    expect(found('My aunt still lives in Wexford and my cousin moved to Galway.')).toEqual(
      expect.arrayContaining(['Wexford', 'Galway']),
    )
    expect(found('Mi madre vive en Martorell y mi tío en Calatayud.')).toEqual(
      expect.arrayContaining(['Martorell', 'Calatayud']),
    )
  })
  it('keeps Swiss German words that are also town names abroad', () => {
    expect(run('Dert hani e Beraterin gfunde, wo mir zuelost.')).toContain('hani')
  })
})
