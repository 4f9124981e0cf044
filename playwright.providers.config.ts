import { defineConfig } from '@playwright/test'
import { appServer, chromiumLaunchOptions, fakeServer } from './tests/e2e/config'
import { FAKE_ACUITY_API_KEY, FAKE_ACUITY_USER_ID } from './tests/fakes/acuity'

/**
 * e2e with the providers switched on (issue 15): Stripe and Acuity talk to their local fakes instead of the local
 * Testzahlung and our own scheduling, Daily to its fake (recordings), next to the Gladia and Mistral fakes. A separate config because the main one
 * (playwright.config.ts) runs without Stripe and Acuity and its specs rely on that. `next build` first, like
 * `npm run test:e2e` (see `npm run test:e2e:providers`). Own ports and DATA_DIR, so both can run side by side.
 */
const port = Number(process.env.E2E_PROVIDERS_PORT ?? 3300)
const appUrl = `http://127.0.0.1:${port}`
const stripePort = Number(process.env.E2E_PROVIDERS_STRIPE_PORT ?? 3397)
const acuityPort = Number(process.env.E2E_PROVIDERS_ACUITY_PORT ?? 3396)
const gladiaPort = Number(process.env.E2E_PROVIDERS_GLADIA_PORT ?? 3398)
const mistralPort = Number(process.env.E2E_PROVIDERS_AI_PORT ?? 3399)
const dailyPort = Number(process.env.E2E_PROVIDERS_DAILY_PORT ?? 3395)
const dailyKey = 'daily_e2e_providers_key'
// Daily shows the webhook secret base64-encoded (32 bytes).
const dailyWebhookHmac = Buffer.from('e2e-providers-daily-webhook-hmac').toString('base64')
const dataDir = '.data/e2e-providers'
const stripeWebhookSecret = 'whsec_e2e_providers_0123456789abcdef'

// Specs run in worker processes that inherit this environment: they find the fakes and the storage folder here.
process.env.E2E_FAKE_STRIPE_URL = `http://127.0.0.1:${stripePort}`
process.env.E2E_FAKE_ACUITY_URL = `http://127.0.0.1:${acuityPort}`
process.env.E2E_FAKE_GLADIA_URL = `http://127.0.0.1:${gladiaPort}`
process.env.E2E_FAKE_DAILY_URL = `http://127.0.0.1:${dailyPort}`
process.env.E2E_DATA_DIR = dataDir

export default defineConfig({
  testDir: 'tests/e2e-providers',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: appUrl,
    locale: 'de-CH',
    // The same browser flags as playwright.config.ts (Debian's Chromium, no network beyond 127.0.0.1).
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: [
    fakeServer('stripe-server.ts', stripePort, {
      FAKE_STRIPE_PORT: String(stripePort),
      FAKE_STRIPE_WEBHOOK_TARGET: `${appUrl}/api/webhooks/stripe`,
      FAKE_STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    }),
    fakeServer('acuity-server.ts', acuityPort, { FAKE_ACUITY_PORT: String(acuityPort) }),
    fakeServer('gladia-server.ts', gladiaPort, {
      FAKE_GLADIA_PORT: String(gladiaPort),
      FAKE_GLADIA_KEY: 'gladia-e2e-key',
    }),
    fakeServer('mistral-server.ts', mistralPort, { FAKE_MISTRAL_PORT: String(mistralPort) }),
    fakeServer('daily-server.ts', dailyPort, {
      FAKE_DAILY_PORT: String(dailyPort),
      FAKE_DAILY_KEY: dailyKey,
      FAKE_DAILY_WEBHOOK_TARGET: `${appUrl}/api/webhooks/daily`,
      FAKE_DAILY_WEBHOOK_HMAC: dailyWebhookHmac,
    }),
    appServer(port, {
      DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: process.env.E2E_PROVIDERS_DB_PORT ?? '54341',
      CRON_SECRET: 'e2e-cron-secret-0123456789abcdef',
      // Stripe and Acuity on, against their fakes (INTEGRATIONS "Env / override summary").
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
      STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
      ACUITY_USER_ID: FAKE_ACUITY_USER_ID,
      ACUITY_API_KEY: FAKE_ACUITY_API_KEY,
      ACUITY_BASE_URL: `http://127.0.0.1:${acuityPort}`,
      // Daily too, for a cloud recording that reaches our storage (the call itself needs daily.co: not run).
      DAILY_API_KEY: dailyKey,
      DAILY_API_URL: `http://127.0.0.1:${dailyPort}`,
      DAILY_WEBHOOK_HMAC: dailyWebhookHmac,
      GLADIA_API_URL: `http://127.0.0.1:${gladiaPort}`,
      GLADIA_API_KEY: 'gladia-e2e-key',
      MISTRAL_SERVER_URL: `http://127.0.0.1:${mistralPort}`,
      MISTRAL_API_KEY: 'test-key',
    }),
  ],
})
