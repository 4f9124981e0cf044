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
const integration = (name: string, database: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name,
    include: ['tests/integration/**/*.test.ts'],
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
