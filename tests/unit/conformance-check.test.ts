import { describe, expect, it } from 'vitest'
import { checkConformance, testTitles } from '@/scripts/conformance'

const files: Record<string, string> = {
  'tests/unit/a.test.ts': [
    "import { describe, expect, it } from 'vitest'",
    "describe('R1 group', () => {",
    "  it('R1.1 the real test', () => expect(1).toBe(1))",
    '  it("R1.2 it\'s in double quotes", () => {})',
    "  it('R1.2 an \\'escaped\\' title', () => {})",
    '  it(`R2.1 a template title`, () => {})',
    '  it.each<[string, (x: number) => number]>([',
    "    ['one (a)', (x) => x],",
    '  ])(',
    "    'R2.1 case %s',",
    '    () => {},',
    '  )',
    '})',
    "const re = /x/.test('not a test title')",
  ].join('\n'),
  'lib/thing.ts': 'export {}',
}
const readFile = (path: string) => files[path]

const doc = (rows: string) =>
  [
    '```conformance-index',
    'R1: R1.1 R1.2',
    'Retention: video-recordings',
    '```',
    '',
    '| Requirement | Code | Tests |',
    '| --- | --- | --- |',
    rows,
  ].join('\n')

describe('the conformance map check', () => {
  it('finds titles in it(), it.each(…)() with type arguments, every quote style and escaped quotes', () => {
    const titles = testTitles(files['tests/unit/a.test.ts']!)
    expect([...titles].sort()).toEqual([
      'R1.1 the real test',
      "R1.2 an 'escaped' title",
      "R1.2 it's in double quotes",
      'R2.1 a template title',
      'R2.1 case %s',
    ])
  })

  it('reports a referenced test that does not exist, and accepts the one that does', () => {
    const report = checkConformance(
      doc(
        [
          '| R1.1 first | `lib/thing.ts` | `tests/unit/a.test.ts` › R1.1 the real test |',
          "| R1.2 second | `lib/thing.ts` | `tests/unit/a.test.ts` › R1.2 it's in double quotes<br>`tests/unit/a.test.ts` › R1.2 a test nobody wrote |",
          '| `video-recordings` — 90 days | `lib/thing.ts` | — (gap: no job yet) |',
        ].join('\n'),
      ),
      readFile,
    )
    expect(report.references).toHaveLength(3)
    expect(report.problems.map((p) => p.message)).toEqual([
      'R1.2: no test "R1.2 a test nobody wrote" in tests/unit/a.test.ts',
    ])
    expect(report.problems[0]!.line).toBe(9)
  })

  it('reports a missing file, a missing code path, an id without a row and a row without test or gap', () => {
    const report = checkConformance(
      doc(
        [
          '| R1.1 first | `lib/gone.ts` | `tests/unit/gone.test.ts` › R1.1 the real test |',
          '| `video-recordings` — 90 days | `lib/thing.ts` | |',
          '| R9.9 not in the index | `lib/thing.ts` | — (gap: x) |',
        ].join('\n'),
      ),
      readFile,
      { requiredIds: ['video-recordings', 'transcripts'] },
    )
    expect(report.problems.map((p) => p.message).sort()).toEqual(
      [
        'R1.1: lib/gone.ts does not exist',
        'R1.1: tests/unit/gone.test.ts does not exist',
        'R1.2 is in the index but has no row',
        'R9.9 has a row but is not in the index',
        'transcripts is required but missing from the index',
        'video-recordings: names no test and no gap',
      ].sort(),
    )
  })

  it('a title containing a pipe is written \\| in the table', () => {
    const source = "it('a | b', () => {})"
    const report = checkConformance(
      doc('| R1.1 x | `lib/thing.ts` | `tests/unit/p.test.ts` › a \\| b |'),
      (path) => (path === 'tests/unit/p.test.ts' ? source : readFile(path)),
    )
    expect(report.references[0]!.title).toBe('a | b')
    expect(report.problems.filter((p) => p.message.includes('p.test.ts'))).toEqual([])
  })
})
