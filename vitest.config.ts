import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))
const shared = {
  resolve: {
    alias: {
      '@/': root,
      // Server-only modules are tested directly in Node.
      'server-only': fileURLToPath(new URL('./tests/helpers/server-only.ts', import.meta.url)),
    },
  },
}
/**
 * With a PostgreSQL server (CI), the whole integration suite runs there and the embedded PGlite runs a smoke set —
 * the files that touch what differs between the two (migrations and the template, the seed, the crypto rows, the
 * query counts, the local sign-in) — instead of running every file twice on two cores. The embedded database is
 * also what the e2e journeys run on, and without a server (`npm test` on a newcomer's machine) every integration
 * file runs on PGlite. VITEST_PGLITE_ALL=1 runs the whole suite on both.
 */
const PGLITE_SMOKE = [
  'seed',
  'journal-seed',
  'crypto',
  'journal-tags',
  'request-lookups',
  'local-sign-in',
  'audit-chain',
  'journal-entries',
].map((name) => `tests/integration/${name}.test.ts`)
const pgliteOnlySmoke = Boolean(process.env.TEST_DATABASE_URL) && !process.env.VITEST_PGLITE_ALL

/**
 * Unit files share one module registry per worker (no isolation: ~2× faster, most of a unit file's time is
 * importing). Files that mock modules or change the environment would leak into the next file, so they keep their
 * own registry — found by reading the files, so a new one cannot be forgotten.
 */
const unitDir = fileURLToPath(new URL('./tests/unit', import.meta.url))
const UNIT_NEEDS_ISOLATION = readdirSync(unitDir)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) =>
    /vi\.(mock|doMock|stubEnv|stubGlobal|resetModules)\(|process\.env\b/.test(
      readFileSync(`${unitDir}/${f}`, 'utf8'),
    ),
  )
  .map((f) => `tests/unit/${f}`)

const integration = (name: string, database: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name,
    include: database === 'pglite' && pgliteOnlySmoke ? PGLITE_SMOKE : ['tests/integration/**/*.test.ts'],
    environment: 'node' as const,
    setupFiles: ['tests/helpers/setup-env.ts'],
    // Migrates once per run into a template that every file clones (tests/helpers/db-template.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    env: { MIALMA_TEST_DB: database },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  test: {
    // Vitest's default leaves one core idle (cores − 1): on a 2-core machine that is one worker for ~100 files.
    // VITEST_MAX_WORKERS overrides this.
    maxWorkers: availableParallelism(),
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: UNIT_NEEDS_ISOLATION,
          isolate: false,
          environment: 'node',
          setupFiles: ['tests/helpers/setup-env.ts'],
          testTimeout: 30_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'unit-isolated',
          include: UNIT_NEEDS_ISOLATION,
          environment: 'node',
          setupFiles: ['tests/helpers/setup-env.ts'],
          testTimeout: 30_000,
        },
      },
      // Tests that start other processes (next build/start, the CLIs): seconds each, kept out of the inner loop.
      {
        ...shared,
        test: {
          name: 'spawn',
          include: ['tests/spawn/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/setup-env.ts'],
          testTimeout: 120_000,
        },
      },
      // Always on the embedded PGlite; also on a real PostgreSQL server when TEST_DATABASE_URL is set (CI).
      integration('integration', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('integration-postgres', 'postgres')] : []),
    ],
  },
})
