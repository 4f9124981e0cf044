import { startFakeGladia } from './gladia'

/**
 * The Gladia fake as a process, for Playwright's webServer: the e2e app talks to it through GLADIA_API_URL with
 * GLADIA_API_KEY, and the specs read what it received from GET /__fake/requests. Callbacks go nowhere (jobs stay
 * queued); the specs only check what was sent. Runs until Playwright stops it.
 */
const port = Number(process.env.FAKE_GLADIA_PORT ?? 3198)
const fake = await startFakeGladia({ port, apiKey: process.env.FAKE_GLADIA_KEY ?? 'gladia-e2e-key' })
fake.onCallback = async () => new Response(null, { status: 200 })
console.log(`Gladia-Fake auf ${fake.url}`)

const stop = () => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
