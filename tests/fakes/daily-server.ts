import { startFakeDaily } from './daily'

/**
 * The Daily fake as a process, for Playwright's webServer (playwright.providers.config.ts): the e2e app talks to
 * it through DAILY_API_URL with DAILY_API_KEY = FAKE_DAILY_KEY. A recording the coach starts and stops is
 * finished at the fake; `POST /__fake/ready` then delivers Daily's signed `recording.ready-to-download` to
 * FAKE_DAILY_WEBHOOK_TARGET (secret FAKE_DAILY_WEBHOOK_HMAC, the app's DAILY_WEBHOOK_HMAC), and the app downloads
 * the file from the fake. GET /__fake/requests shows what arrived. Runs until Playwright stops it.
 */
const port = Number(process.env.FAKE_DAILY_PORT ?? 3395)
const target = process.env.FAKE_DAILY_WEBHOOK_TARGET
const hmac = process.env.FAKE_DAILY_WEBHOOK_HMAC
const fake = await startFakeDaily({
  port,
  key: process.env.FAKE_DAILY_KEY,
  webhook: target && hmac ? { target, hmac } : undefined,
})
console.log(`Daily-Fake auf ${fake.url}`)

const stop = () => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
