import { startFakeStripe } from './stripe'

/**
 * The Stripe fake as a process, for Playwright's webServer (playwright.providers.config.ts): the e2e app talks to
 * it through STRIPE_API_BASE with STRIPE_SECRET_KEY `sk_test_…`. The browser pays on the fake's own checkout page
 * (`/pay/<session>`), which POSTs the signed events to FAKE_STRIPE_WEBHOOK_TARGET with FAKE_STRIPE_WEBHOOK_SECRET
 * (the app's STRIPE_WEBHOOK_SECRET) before it sends the browser back. The specs read what the fake received and
 * holds from GET /__fake/requests and /__fake/objects/<id>. Runs until Playwright stops it.
 */
const port = Number(process.env.FAKE_STRIPE_PORT ?? 3397)
const fake = await startFakeStripe({
  port,
  webhookTarget: process.env.FAKE_STRIPE_WEBHOOK_TARGET,
  webhookSecret: process.env.FAKE_STRIPE_WEBHOOK_SECRET,
})
console.log(`Stripe-Fake auf ${fake.url}`)

const stop = () => {
  void fake.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
