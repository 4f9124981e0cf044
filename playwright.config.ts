import { defineConfig } from '@playwright/test'
import { appServer, chromiumLaunchOptions, fakeServer } from './tests/e2e/config'

/**
 * Lanes: each Playwright worker gets its own app server, database and fakes, so spec files run side by side
 * without seeing each other's data (the specs share the seeded demo accounts). E2E_WORKERS sets how many
 * (default 2: the suite waits on the browser and the server in turn, so two lanes fill two cores).
 * Ports can be moved (E2E_PORT, E2E_FAKE_AI_PORT, E2E_DB_PORT) so that two checkouts run e2e side by side;
 * lane n uses E2E_PORT + n, E2E_DB_PORT + n and the fakes two below the previous lane's.
 */
const lanes = Math.max(1, Number(process.env.E2E_WORKERS ?? 2))
const basePort = Number(process.env.E2E_PORT ?? 3100)
const baseFakePort = Number(process.env.E2E_FAKE_AI_PORT ?? 3199)
const baseDbPort = Number(process.env.E2E_DB_PORT ?? 54339)

function laneOf(index: number) {
  const fakeMistralPort = baseFakePort - 2 * index
  return {
    port: basePort + index,
    /** The Mistral fake (tests/fakes/mistral-server.ts) the app's AI calls go to; specs read what it received. */
    fakeMistralPort,
    // The Gladia fake: one below the lane's Mistral fake (lane 0 may set it with E2E_FAKE_GLADIA_PORT).
    fakeGladiaPort:
      index === 0 && process.env.E2E_FAKE_GLADIA_PORT
        ? Number(process.env.E2E_FAKE_GLADIA_PORT)
        : fakeMistralPort - 1,
    dbPort: baseDbPort + index,
    dataDir: index === 0 ? '.data/e2e' : `.data/e2e-${index}`,
  }
}

// In a worker, Playwright sets TEST_PARALLEL_INDEX before it loads this file: the specs of that worker find
// their lane's app, fakes and data directory here (the main process, without it, starts every lane).
const own = laneOf(Number(process.env.TEST_PARALLEL_INDEX ?? 0))
process.env.E2E_FAKE_AI_URL = `http://127.0.0.1:${own.fakeMistralPort}`
process.env.E2E_FAKE_GLADIA_URL = `http://127.0.0.1:${own.fakeGladiaPort}`
process.env.E2E_DATA_DIR = own.dataDir

/**
 * e2e against the built app (`next build` first, see `npm run test:e2e`) on a throwaway embedded
 * database, in Debian's Chromium (no browser downloads here).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // A spec file stays in one worker (its tests share state); files spread over the lanes.
  fullyParallel: false,
  workers: lanes,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${own.port}`,
    locale: 'de-CH',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: Array.from({ length: lanes }, (_, index) => laneOf(index)).flatMap(
    ({ port, fakeMistralPort, fakeGladiaPort, dbPort, dataDir }) => [
      fakeServer('mistral-server.ts', fakeMistralPort, { FAKE_MISTRAL_PORT: String(fakeMistralPort) }),
      fakeServer('gladia-server.ts', fakeGladiaPort, {
        FAKE_GLADIA_PORT: String(fakeGladiaPort),
        FAKE_GLADIA_KEY: 'gladia-e2e-key',
      }),
      appServer(port, {
        DATA_DIR: dataDir,
        // Every technical log line, for the leak canaries (tests/e2e/leak-canaries.spec.ts); wiped by --fresh.
        LOG_FILE: `${dataDir}/app.log`,
        EMBEDDED_DB_PORT: String(dbPort),
        // The daily cron is called by tests/e2e/data-rights.spec.ts (the deletion receipt).
        CRON_SECRET: 'e2e-cron-secret-0123456789abcdef',
        MISTRAL_SERVER_URL: `http://127.0.0.1:${fakeMistralPort}`,
        MISTRAL_API_KEY: 'test-key',
        GLADIA_API_URL: `http://127.0.0.1:${fakeGladiaPort}`,
        GLADIA_API_KEY: 'gladia-e2e-key',
      }),
    ],
  ),
})
