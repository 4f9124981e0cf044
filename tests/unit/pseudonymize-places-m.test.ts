import { describe, expect, it } from 'vitest'
import { pseudonymize } from '@/lib/privacy/pseudonymize'

// R7.2 (places are pseudonymised, ordinary words kept): place classes added after unseen set M — Swiss villages of
// 500–999 inhabitants (GeoNames cities500). Made-up sentences only.
const now = new Date('2026-12-07T12:00:00Z')
const run = (text: string) => pseudonymize(text, { now }).text
const found = (text: string) =>
  pseudonymize(text, { now })
    .mapping.entries.filter((e) => e.type === 'LOCATION')
    .map((e) => e.value)

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
