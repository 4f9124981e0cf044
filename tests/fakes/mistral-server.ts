import { startFakeMistral } from './mistral'

/**
 * The Mistral fake as a process, for Playwright's webServer: the e2e app talks to it through MISTRAL_SERVER_URL,
 * and the specs read what it received from GET /__fake/requests. Runs until Playwright stops it.
 */
const port = Number(process.env.FAKE_MISTRAL_PORT ?? 3199)
const fake = await startFakeMistral({ port })
console.log(`Mistral-Fake auf ${fake.url}`)

const stop = () => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
