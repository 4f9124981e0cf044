import { describe, expect, it } from 'vitest'
import { foundOfType, pseudonymized } from '@/tests/helpers/pseudonymize'

// R7.2 (places are pseudonymised, ordinary words kept): place classes added after unseen set M — Swiss villages of
// 500–999 inhabitants (GeoNames cities500). Made-up sentences only.
const run = pseudonymized
const found = (text: string) => foundOfType(text, 'LOCATION')

describe('Swiss villages of 500–999 inhabitants', () => {
  it('finds small villages with and without a cue', () => {
    expect(found('Meine Gotte wohnt seit dem Frühling in Zimmerwald.')).toContain('Zimmerwald')
    expect(found('Morcote war im Oktober voller Touristen, sagt sie.')).toContain('Morcote')
    expect(found('dr onkel het es hüsli z törbel übercho')).toContain('törbel')
  })
  it('keeps Swiss German nouns and the sport that share a village name', () => {
    const out = run('Mir sind uf d Weid gloffe, dr Buur het im Stadel ghöit. Am Sunntig gö mir go Hornusse.')
    expect(out).toContain('uf d Weid')
    expect(out).toContain('im Stadel')
    expect(out).toContain('go Hornusse')
    expect(run('Im Widum wohnt dr Pfarrer, und ufem Kehlhof hets Chüe.')).toContain('Im Widum')
    const words = run('Der Mund war trocken, im Sand lag ein Winkel aus Holz.')
    expect(words).toContain('Mund')
    expect(words).toContain('Sand')
    expect(words).toContain('Winkel')
  })
})

describe('landmark compounds without a cue', () => {
  it('takes bridges, squares and quays named by a word that is no ordinary word', () => {
    const out = found(
      'Nach der Arbeit ging sie über die Spreuerbrücke und dann quer über den Barfüsserplatz.',
    )
    expect(out).toEqual(expect.arrayContaining(['Spreuerbrücke', 'Barfüsserplatz']))
    expect(found('Mir träffe üs bi dr Nydeggbrücke, nid bi dr Wettstaibrugg.')).toEqual(
      expect.arrayContaining(['Nydeggbrücke', 'Wettstaibrugg']),
    )
    expect(found('Der Treffpunkt ist Claraplatz, gleich nach dem Mittag.')).toContain('Claraplatz')
  })
  it('keeps ordinary bridge, square and quay compounds', () => {
    const out = run(
      'Der Marktplatz, der Parkplatz, der Arbeitsplatz, der Tummelplatz und der Kirchplatz waren leer; die Fussgängerbrücke, die Klappbrücke und die Hängebrücke auch.',
    )
    for (const w of [
      'Marktplatz',
      'Parkplatz',
      'Arbeitsplatz',
      'Tummelplatz',
      'Kirchplatz',
      'Fussgängerbrücke',
    ])
      expect(out).toContain(w)
    expect(out).toContain('Klappbrücke')
    expect(out).toContain('Hängebrücke')
  })
  it('takes churches named after a saint and keeps church nouns', () => {
    expect(found('We rehearse at the Theodorskirche every Tuesday.')).toContain('Theodorskirche')
    expect(found('Am Sonntag waren wir zusammen in der Marienkirche.')).toContain('Marienkirche')
    const out = run('Die Landeskirche, die Freikirche, die Dorfkirche und die Hauskapelle luden ein.')
    for (const w of ['Landeskirche', 'Freikirche', 'Dorfkirche', 'Hauskapelle']) expect(out).toContain(w)
  })
  it('takes rock faces, peaks and waterfalls named by their first part', () => {
    expect(found('Siamo saliti sulla Rämselflue con il gruppo.')).toContain('Rämselflue')
    expect(found('Der Giessenbachfall rauscht, und dahinter steht das Glishorn.')).toEqual(
      expect.arrayContaining(['Giessenbachfall', 'Glishorn']),
    )
    const out = run(
      'Ein Unfall, ein Zufall, ein Reinfall; das Nashorn, das Alphorn, das Füllhorn und ein Bienenstock.',
    )
    for (const w of ['Unfall', 'Zufall', 'Reinfall', 'Nashorn', 'Alphorn', 'Füllhorn', 'Bienenstock'])
      expect(out).toContain(w)
  })
})

describe('listed landmarks and exonyms', () => {
  it('finds well-known landmarks and mountains without a cue', () => {
    expect(found('Wir liefen über die Kapellbrücke zum Weinmarkt.')).toEqual(
      expect.arrayContaining(['Kapellbrücke', 'Weinmarkt']),
    )
    expect(found('Am Wochenende gehen wir wandern, vielleicht auf den Gurnigel oder den Hohgant.')).toEqual(
      expect.arrayContaining(['Gurnigel', 'Hohgant']),
    )
    expect(found('Meine Schwester zieht nächstes Jahr nach Schottland.')).toContain('Schottland')
  })
})

describe('mountains whose names are also words', () => {
  it('takes them after an article of place', () => {
    expect(found('Am Sonntag bin ich allein auf den Gurten gestiegen.')).toContain('Gurten')
    expect(found('Vo dr Terrasse gseht me guet, wie am Niese dr Schnee lyt.')).toContain('Niese')
    expect(found('nachher wandern am niesen und dann heim')).toContain('niesen')
  })
  it('keeps the words elsewhere and the progressive "am Niesen"', () => {
    const out = run('Ich bin am Niesen, seit die Pollen fliegen. Die Gurten des Rucksacks sind zu kurz.')
    expect(out).toContain('am Niesen')
    expect(out).toContain('Die Gurten')
  })
})

describe('Basel German names of Riehen', () => {
  it('takes them after a place preposition and keeps the verb', () => {
    expect(found('Mi Gotte wohnt sit Johre z Rieche.')).toContain('Rieche')
    const out = run('Ich rieche den Kaffee. Riechen Sie das auch?')
    expect(out).toContain('rieche')
    expect(out).toContain('Riechen Sie')
  })
})
