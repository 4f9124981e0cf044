import { startFakeAcuity } from './acuity'

/**
 * The Acuity fake as a process, for Playwright's webServer (playwright.providers.config.ts): the e2e app talks to
 * it through ACUITY_BASE_URL with the fake's fixed ACUITY_USER_ID / ACUITY_API_KEY (printed at start, and in the
 * config). Its default offer: "Coaching-Sitzung" (60 min) and "Kurzgespräch", every day 09–17 Zurich time. The
 * specs read the requests and appointments from GET /__fake/requests. Runs until Playwright stops it.
 */
const port = Number(process.env.FAKE_ACUITY_PORT ?? 3396)
const fake = await startFakeAcuity({ port })
console.log(`Acuity-Fake auf ${fake.url} (Benutzer ${fake.userId})`)

const stop = () => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
