import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

// Ports can be moved (E2E_PORT, E2E_FAKE_AI_PORT, E2E_DB_PORT) so that two checkouts run e2e side by side.
const port = Number(process.env.E2E_PORT ?? 3100)
/** The Mistral fake (tests/fakes/mistral-server.ts) the app's AI calls go to; specs read what it received. */
const fakeMistralPort = Number(process.env.E2E_FAKE_AI_PORT ?? 3199)
// Specs run in worker processes that inherit this environment: they find the fake here.
process.env.E2E_FAKE_AI_URL = `http://127.0.0.1:${fakeMistralPort}`
// The Gladia fake: one below the Mistral fake unless given.
const fakeGladiaPort = Number(process.env.E2E_FAKE_GLADIA_PORT ?? fakeMistralPort - 1)
process.env.E2E_FAKE_GLADIA_URL = `http://127.0.0.1:${fakeGladiaPort}`
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  // Playwright cannot download browsers here; say what to do instead of failing obscurely.
  throw new Error(
    `Chromium fehlt unter ${chromium}: "apt-get install -y chromium" oder CHROMIUM_PATH setzen.`,
  )
}

/**
 * e2e against the built app (`next build` first, see `npm run test:e2e`) on a throwaway embedded
 * database, in Debian's Chromium (no browser downloads here).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'de-CH',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx tests/fakes/mistral-server.ts`,
      url: `http://127.0.0.1:${fakeMistralPort}/__fake/requests`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { FAKE_MISTRAL_PORT: String(fakeMistralPort) },
    },
    {
      command: `node_modules/.bin/tsx tests/fakes/gladia-server.ts`,
      url: `http://127.0.0.1:${fakeGladiaPort}/__fake/requests`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { FAKE_GLADIA_PORT: String(fakeGladiaPort), FAKE_GLADIA_KEY: 'gladia-e2e-key' },
    },
    {
      command: `node_modules/.bin/tsx --conditions=react-server lib/dev/launch.ts start --fresh --port ${port}`,
      url: `http://127.0.0.1:${port}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        DATA_DIR: '.data/e2e',
        // Every technical log line, for the leak canaries (tests/e2e/leak-canaries.spec.ts); wiped by --fresh.
        LOG_FILE: '.data/e2e/app.log',
        EMBEDDED_DB_PORT: process.env.E2E_DB_PORT ?? '54339',
        APP_URL: `http://127.0.0.1:${port}`,
        MI_ALMA_LOCAL_AUTH: '1',
        NEXT_TELEMETRY_DISABLED: '1',
        MISTRAL_SERVER_URL: `http://127.0.0.1:${fakeMistralPort}`,
        MISTRAL_API_KEY: 'test-key',
        GLADIA_API_URL: `http://127.0.0.1:${fakeGladiaPort}`,
        GLADIA_API_KEY: 'gladia-e2e-key',
      },
    },
  ],
})
