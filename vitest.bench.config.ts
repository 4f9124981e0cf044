import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Benchmarks only (`npm run bench`); the normal suite (vitest.config.ts) never includes bench/.
const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@/': root,
      // Server-only modules (the retention job) run directly in Node here, as in the tests.
      'server-only': fileURLToPath(new URL('./tests/helpers/server-only.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
})
