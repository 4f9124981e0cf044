import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildStripe } from '@/lib/integrations/stripe'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'

// The real SDK against the local fake: no database, no network.
let fake: FakeStripe
let stripe: Stripe
const verifier = new Stripe('sk_test_verify')

beforeAll(async () => {
  fake = await startFakeStripe()
  stripe = buildStripe(fake.apiKey, fake.url)
})
afterAll(async () => {
  await fake?.close()
})
beforeEach(() => {
  fake.reset()
  fake.setWebhookTarget(null)
})

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

/** The one-off parameter set from INTEGRATIONS §2. */
function oneOff(customer: string, bookingId: string): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'chf', unit_amount: 12_000, product_data: { name: 'Coaching 60 min' } },
      },
    ],
    customer,
    client_reference_id: bookingId,
    metadata: { bookingId },
    payment_intent_data: { metadata: { bookingId } },
    invoice_creation: { enabled: true },
    expires_at: inAnHour(),
    success_url: 'http://app.test/buchung/erfolg?cs={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/buchung/abbruch',
    locale: 'de',
  }
}

function subscriptionParams(customer: string): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'subscription',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'chf',
          unit_amount: 40_000,
          product_data: { name: 'Monatsabo' },
          recurring: { interval: 'month' },
        },
      },
    ],
    customer,
    subscription_data: { metadata: { planId: 'plan-1' } },
    success_url: 'http://app.test/abo/erfolg?cs={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://app.test/abo',
  }
}

async function newCustomer() {
  return stripe.customers.create({
    email: 'lea.meier@example.ch',
    name: 'Lea Meier',
    metadata: { userId: 'u-1' },
  })
}

/** Signs like Stripe and verifies like the app's webhook route will. */
function roundTrip(event: unknown): Stripe.Event {
  const raw = JSON.stringify(event, null, 2)
  return verifier.webhooks.constructEvent(raw, fake.sign(raw), fake.webhookSecret)
}

describe('customers', () => {
  it('creates and retrieves a customer', async () => {
    const customer = await newCustomer()
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'lea.meier@example.ch',
      name: 'Lea Meier',
      metadata: { userId: 'u-1' },
      livemode: false,
    })
    expect(customer.id).toMatch(/^cus_/)
    const again = await stripe.customers.retrieve(customer.id)
    expect(again.id).toBe(customer.id)
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      body: { email: 'lea.meier@example.ch', metadata: { userId: 'u-1' } },
      stripeVersion: '2026-10-28.endive',
      authorization: 'Bearer sk_test_fake',
      status: 200,
    })
  })

  it('answers an unknown id with 404 resource_missing', async () => {
    const error = await stripe.customers.retrieve('cus_nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such customer: 'cus_nope'",
    })
  })

  it('refuses a missing or non-test key', async () => {
    const error = await buildStripe('sk_live_real', fake.url)
      .customers.create({ email: 'a@b.ch' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError)
    expect(fake.requests.at(-1)?.status).toBe(401)
  })
})

describe('checkout sessions', () => {
  it('creates a one-off session with the full parameter set, idempotently', async () => {
    const customer = await newCustomer()
    const params = oneOff(customer.id, 'booking-1')
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-booking-1' })
    expect(session.id).toMatch(/^cs_test_/)
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 12_000,
      currency: 'chf',
      customer: customer.id,
      client_reference_id: 'booking-1',
      metadata: { bookingId: 'booking-1' },
      invoice_creation: { enabled: true },
      expires_at: params.expires_at,
      locale: 'de',
      success_url: 'http://app.test/buchung/erfolg?cs={CHECKOUT_SESSION_ID}',
      url: `${fake.url}/pay/${session.id}`,
      livemode: false,
    })

    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: 'checkout-booking-1' })
    expect(again.id).toBe(session.id)
    const creates = fake.requests.filter((r) => r.path === '/v1/checkout/sessions')
    expect(creates).toHaveLength(2)
    expect(creates.map((r) => r.idempotencyKey)).toEqual(['checkout-booking-1', 'checkout-booking-1'])
    expect(creates[0]?.body).toMatchObject({
      mode: 'payment',
      line_items: [{ quantity: '1', price_data: { currency: 'chf', unit_amount: '12000' } }],
      payment_intent_data: { metadata: { bookingId: 'booking-1' } },
      invoice_creation: { enabled: 'true' },
    })

    // Same key, different parameters: Stripe's idempotency error.
    const clash = await stripe.checkout.sessions
      .create({ ...params, client_reference_id: 'booking-2' }, { idempotencyKey: 'checkout-booking-1' })
      .catch((e: unknown) => e)
    expect(clash).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('creates a subscription session', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(subscriptionParams(customer.id))
    expect(session).toMatchObject({ mode: 'subscription', status: 'open', amount_total: 40_000 })
    const withItems = await stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] })
    expect(withItems.line_items?.data[0]?.price?.recurring?.interval).toBe('month')
  })

  it('surfaces bad requests as StripeInvalidRequestError with message and param', async () => {
    const customer = await newCustomer()
    const cases: [Stripe.Checkout.SessionCreateParams, string, string][] = [
      [
        {
          ...oneOff(customer.id, 'b'),
          line_items: [
            { quantity: 1, price_data: { currency: 'eur', unit_amount: 100, product_data: { name: 'x' } } },
          ],
        },
        'Invalid currency: eur. This fake only supports chf.',
        'line_items[0][price_data][currency]',
      ],
      [
        { ...oneOff(customer.id, 'b'), expires_at: Math.floor(Date.now() / 1000) + 60 },
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      ],
      [{ ...oneOff(customer.id, 'b'), mode: undefined }, 'Missing required param: mode.', 'mode'],
      [{ ...oneOff('cus_unknown', 'b') }, "No such customer: 'cus_unknown'", 'customer'],
      [
        { ...subscriptionParams(customer.id), payment_intent_data: { metadata: { a: 'b' } } },
        'You can not pass `payment_intent_data` in `subscription` mode.',
        'payment_intent_data',
      ],
    ]
    for (const [params, message, param] of cases) {
      const error = await stripe.checkout.sessions.create(params).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
      expect(error).toMatchObject({ message, param, statusCode: 400 })
    }
    expect(fake.requests.filter((r) => r.status === 400)).toHaveLength(cases.length)
  })

  it('retrieves and expires a session (and refuses to expire it twice)', async () => {
    const customer = await newCustomer()
    const created = await stripe.checkout.sessions.create(oneOff(customer.id, 'booking-3'))
    const retrieved = await stripe.checkout.sessions.retrieve(created.id)
    expect(retrieved).toMatchObject({ id: created.id, status: 'open' })

    const expired = await stripe.checkout.sessions.expire(created.id)
    expect(expired).toMatchObject({ id: created.id, status: 'expired', url: null })
    expect(fake.events.map((e) => e.type)).toEqual(['checkout.session.expired'])

    const again = await stripe.checkout.sessions.expire(created.id).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
  })
})

describe('billing portal, refunds, subscriptions, invoices', () => {
  it('creates a billing portal session', async () => {
    const customer = await newCustomer()
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://app.test/konto',
    })
    expect(portal.id).toMatch(/^bps_/)
    expect(portal).toMatchObject({
      object: 'billing_portal.session',
      customer: customer.id,
      return_url: 'http://app.test/konto',
      url: `${fake.url}/portal/${portal.id}`,
    })
  })

  it('refunds a paid one-off checkout, and refuses a second full refund', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(oneOff(customer.id, 'booking-4'))
    const [completed] = await fake.completeCheckout(session.id)
    expect(completed?.type).toBe('checkout.session.completed')

    const paid = await stripe.checkout.sessions.retrieve(session.id)
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid' })
    const paymentIntent = paid.payment_intent as string
    expect(paymentIntent).toMatch(/^pi_/)
    const pi = await stripe.paymentIntents.retrieve(paymentIntent)
    expect(pi).toMatchObject({ amount: 12_000, status: 'succeeded', metadata: { bookingId: 'booking-4' } })
    // invoice_creation gives a receipt invoice, without a subscription parent.
    expect(paid.invoice).toMatch(/^in_/)

    const partial = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 2_000 })
    expect(partial).toMatchObject({ object: 'refund', amount: 2_000, status: 'succeeded' })
    const rest = await stripe.refunds.create({
      payment_intent: paymentIntent,
      metadata: { bookingId: 'booking-4' },
    })
    expect(rest).toMatchObject({ amount: 10_000, metadata: { bookingId: 'booking-4' } })
    expect(rest.id).toMatch(/^re_/)

    const twice = await stripe.refunds.create({ payment_intent: paymentIntent }).catch((e: unknown) => e)
    expect(twice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(twice).toMatchObject({ code: 'charge_already_refunded' })
    const unknown = await stripe.refunds.create({ payment_intent: 'pi_unknown' }).catch((e: unknown) => e)
    expect(unknown).toMatchObject({ statusCode: 400, param: 'payment_intent', code: 'resource_missing' })
  })

  it('runs a subscription: checkout, retrieve, invoices, renew, cancel at period end, cancel', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(subscriptionParams(customer.id))
    const events = await fake.completeCheckout(session.id)
    expect(events.map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.paid',
    ])

    const done = await stripe.checkout.sessions.retrieve(session.id)
    const subscriptionId = done.subscription as string
    const subscription = await stripe.subscriptions.retrieve(subscriptionId)
    expect(subscription).toMatchObject({
      object: 'subscription',
      status: 'active',
      customer: customer.id,
      metadata: { planId: 'plan-1' },
      cancel_at_period_end: false,
    })
    const item = subscription.items.data[0]
    expect(item).toBeDefined()
    const start = new Date(item!.current_period_start * 1000)
    const end = new Date(item!.current_period_end * 1000)
    const oneMonthLater = new Date(start)
    oneMonthLater.setUTCMonth(start.getUTCMonth() + 1)
    if (oneMonthLater.getUTCDate() !== start.getUTCDate()) oneMonthLater.setUTCDate(0) // month-end clamp
    expect(end.toISOString()).toBe(oneMonthLater.toISOString())

    const invoices = await stripe.invoices.list({ customer: customer.id })
    expect(invoices).toMatchObject({ object: 'list', has_more: false })
    expect(invoices.data).toHaveLength(1)
    const first = invoices.data[0]!
    expect(first).toMatchObject({
      status: 'paid',
      amount_paid: 40_000,
      billing_reason: 'subscription_create',
      parent: { subscription_details: { subscription: subscriptionId } },
    })
    expect(first.lines.data[0]?.period).toEqual({
      start: item!.current_period_start,
      end: item!.current_period_end,
    })
    expect(first.hosted_invoice_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invoices\/in_/)

    const renewal = await fake.renewSubscription(subscriptionId)
    expect(renewal.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated'])
    const renewed = await stripe.subscriptions.retrieve(subscriptionId)
    expect(renewed.items.data[0]?.current_period_start).toBe(item!.current_period_end)
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(2)

    const atPeriodEnd = await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true })
    expect(atPeriodEnd).toMatchObject({ cancel_at_period_end: true, status: 'active' })
    const canceled = await stripe.subscriptions.cancel(subscriptionId)
    expect(canceled).toMatchObject({ status: 'canceled' })
    expect(fake.events.slice(-2).map((e) => e.type)).toEqual([
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ])
    const missing = await stripe.subscriptions.retrieve('sub_nope').catch((e: unknown) => e)
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })
})

describe('webhook events', () => {
  it('completeCheckout events verify with constructEvent and carry the right objects', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(subscriptionParams(customer.id))
    const events = await fake.completeCheckout(session.id)
    const verified = events.map(roundTrip)
    expect(verified.map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.paid',
    ])
    for (const e of verified) {
      expect(e).toMatchObject({ object: 'event', api_version: '2026-10-28.endive', livemode: false })
      expect(e.id).toMatch(/^evt_/)
    }
    const [completed, created, paid] = verified
    if (completed?.type !== 'checkout.session.completed') throw new Error('unexpected order')
    expect(completed.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
    })
    if (created?.type !== 'customer.subscription.created') throw new Error('unexpected order')
    expect(created.data.object.items.data[0]?.current_period_end).toBeGreaterThan(
      created.data.object.items.data[0]?.current_period_start ?? Infinity,
    )
    if (paid?.type !== 'invoice.paid') throw new Error('unexpected order')
    expect(paid.data.object.parent?.subscription_details?.subscription).toBe(created.data.object.id)

    // A tampered body fails verification.
    const raw = JSON.stringify(events[0])
    expect(() =>
      verifier.webhooks.constructEvent(raw.replace('complete', 'open'), fake.sign(raw), fake.webhookSecret),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError)
  })

  it('POSTs signed events to webhookTarget, also from the pay page and from API calls', async () => {
    const received: Stripe.Event[] = []
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        try {
          const raw = Buffer.concat(chunks).toString('utf8')
          const signature = String(req.headers['stripe-signature'])
          received.push(verifier.webhooks.constructEvent(raw, signature, fake.webhookSecret))
          res.writeHead(200).end('{"received":true}')
        } catch {
          res.writeHead(400).end('bad signature')
        }
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      fake.setWebhookTarget(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`)
      const customer = await newCustomer()
      const session = await stripe.checkout.sessions.create(oneOff(customer.id, 'booking-5'))

      const page = await fetch(session.url!)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<form method="post">')
      const pay = await fetch(session.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'outcome=paid',
        redirect: 'manual',
      })
      expect(pay.status).toBe(303)
      expect(pay.headers.get('location')).toBe(`http://app.test/buchung/erfolg?cs=${session.id}`)
      expect(received.map((e) => e.type)).toEqual(['checkout.session.completed'])

      // API-triggered events go out after the response; flush waits for them.
      const other = await stripe.checkout.sessions.create(oneOff(customer.id, 'booking-6'))
      await stripe.checkout.sessions.expire(other.id)
      await fake.flush()
      expect(received.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.expired'])
      expect(fake.deliveries.map((d) => d.status)).toEqual([200, 200])

      const manual = await fake.send(fake.event('checkout.session.expired', fake.lookup(other.id)!))
      expect(manual.status).toBe(200)
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    }
  })
})
