import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './tests/e2e/config'

/**
 * One journey against `npm run dev` itself (issue 19.1): Next blocks its dev resources (the HMR connection, the dev
 * overlay) for any origin it was not told about, and then nothing that needs JavaScript reacts. The e2e suite
 * (playwright.config.ts) runs a production build and cannot see that; this runs the real dev command on its own
 * port, fresh data directory and database port, so it does not collide with the main suite's server. Not beside
 * another `npm run dev` of the same checkout: Next locks `.next/dev`. Only the pages of the journey are compiled.
 * `npm run test:e2e:dev`.
 */
const port = Number(process.env.E2E_DEV_PORT ?? 3400)
/**
 * Open to the network by default, as `HOST=0.0.0.0 npm run dev` (README): the journey then also runs at the
 * network address the launcher prints, and Next's own allowance for the host it listens on (which covers
 * 127.0.0.1 when it listens there) cannot hide a missing `allowedDevOrigins`. E2E_DEV_HOST=127.0.0.1 keeps it
 * local: then only 127.0.0.1 is tried.
 */
const host = process.env.E2E_DEV_HOST ?? '0.0.0.0'
/** What the dev server prints, for the spec to read (Next warns there when it blocks a dev resource). */
const serverLog = '.data/e2e-dev.log'
// Spec workers inherit this environment.
process.env.E2E_DEV_SERVER_LOG = serverLog

export default defineConfig({
  testDir: 'tests/e2e-dev',
  outputDir: 'test-results/e2e-dev',
  workers: 1,
  retries: 0,
  // Every page of the journey is compiled on its first visit, and the sign-in and journal pages once more for the
  // network address: on a loaded two-core machine that alone took 90 s (CI, 2026-12-07). What the test checks is
  // hydration and blocked dev resources, not compile time.
  timeout: 300_000,
  // The first visit of a page compiles it.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'de-CH',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    // The command of `npm run dev` (package.json), with --fresh (wipes DATA_DIR first) and its own port; `tee`
    // keeps the output for the spec, truncated at every start.
    command: `mkdir -p .data && node_modules/.bin/tsx --conditions=react-server lib/dev/launch.ts dev --fresh --port ${port} 2>&1 | tee ${serverLog}`,
    // Readiness compiles the sign-in page, the journey's first.
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: host,
      DATA_DIR: '.data/e2e-dev',
      EMBEDDED_DB_PORT: process.env.E2E_DEV_DB_PORT ?? '54342',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
})
