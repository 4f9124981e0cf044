import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where each benchmark leaves its figures for bench/report.ts (`.data/` is gitignored). */
export const RESULTS_DIR = join(process.cwd(), '.data', 'bench')

/** Writes `.data/bench/<name>.json`: the figures of this run plus when it ran. */
export function writeResult(name: string, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(
    join(RESULTS_DIR, `${name}.json`),
    `${JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  )
}
