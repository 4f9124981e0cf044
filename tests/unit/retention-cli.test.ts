import { describe, expect, it } from 'vitest'
import { parseRetentionArgs } from '@/cron/retention/cli'

describe('R11.2 npm run cron:retention -- [--dry-run] [--now <ISO date>]', () => {
  it('reads --dry-run and --now', () => {
    expect(parseRetentionArgs(['--dry-run', '--now', '2031-01-01T03:00:00Z'])).toMatchObject({
      ok: true,
      dryRun: true,
      now: new Date('2031-01-01T03:00:00Z'),
      budgetMs: Number.POSITIVE_INFINITY,
    })
    expect(
      parseRetentionArgs(['--now', '2031-01-01', '--budget-ms', '1000', '--batch-size', '50']),
    ).toMatchObject({
      ok: true,
      dryRun: false,
      budgetMs: 1000,
      batchSize: 50,
    })
  })

  it('defaults to a real run now', () => {
    const parsed = parseRetentionArgs([])
    expect(parsed.ok && parsed.dryRun).toBe(false)
    expect(parsed.ok && Math.abs(parsed.now.getTime() - Date.now())).toBeLessThan(5_000)
  })

  it.each([
    [['--now']],
    [['--now', 'gestern']],
    [['--now', '1700000000']],
    [['--batch-size', '0']],
    [['--budget-ms', '-1']],
    [['--force']],
  ])('refuses %j with a message', (argv) => {
    const parsed = parseRetentionArgs(argv)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toBeTruthy()
  })
})
