import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// R7.2: the CLI others rely on — JSON Lines in, one JSON line per input out, nothing else on stdout.
function run(input: string) {
  return spawnSync('node_modules/.bin/tsx', ['scripts/pseudonymize.ts'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('R7.2 pseudonymize CLI', () => {
  it('answers every line with {id, text}, uses the known names, and prints nothing else', () => {
    const lines = [
      {
        id: 'a',
        text: 'Sandra Huber ruft 079 412 83 56 an.',
        known: { client: 'Sandra Huber', coach: 'Andrea Meier' },
      },
      {
        id: 'b',
        text: 'Frau Meier und Sandras Schwester Drita.',
        known: { client: 'Sandra Huber', coach: 'Andrea Meier' },
      },
      { id: 'c', text: 'Keine Angaben, nur Schlafprobleme.' },
    ]
    const result = run(`${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
    expect(result.status).toBe(0)
    const out = result.stdout.trimEnd().split('\n')
    expect(out).toHaveLength(3)
    const parsed = out.map((l) => JSON.parse(l) as { id: string; text: string })
    expect(parsed.map((p) => p.id)).toEqual(['a', 'b', 'c'])
    expect(parsed.every((p) => Object.keys(p).sort().join() === 'id,text')).toBe(true)
    expect(parsed[0]!.text).not.toMatch(/Sandra|Huber|412/)
    expect(parsed[1]!.text).not.toMatch(/Meier|Sandra|Drita/)
    expect(parsed[2]!.text).toBe('Keine Angaben, nur Schlafprobleme.')
  })

  it('fails closed on a bad line: an empty text for it (never the original), the others still answered', () => {
    const result = run(`{"id":"x","text":42}\nnot json\n{"id":"y","text":"Herr Koch kam."}\n`)
    expect(result.status).toBe(0)
    const out = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: unknown; text: string })
    expect(out).toEqual([
      { id: 'x', text: '' },
      { id: null, text: '' },
      { id: 'y', text: 'Herr [PERSON_1] kam.' },
    ])
    expect(result.stderr).toContain('line 2')
  })
})
