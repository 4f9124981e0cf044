import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import qs from 'qs'
import Stripe from 'stripe'

// Typed against the SDK's pinned version, so an SDK upgrade flags the fake's payload shape.
const API_VERSION: typeof Stripe.API_VERSION = '2026-10-28.endive'

type Metadata = Record<string, string>
type Params = qs.ParsedQs
type List<T> = { object: 'list'; data: T[]; has_more: boolean; url: string }
/** Space-separated field names as a union, so the field lists below stay one line each. */
type Keys<S extends string> = S extends `${infer Head} ${infer Rest}` ? Head | Keys<Rest> : S
/** Stripe's own type narrowed to the fields the fake fills (O overrides with narrower types). */
type Shape<T, K extends keyof T, O extends object = object> = Omit<Pick<T, K>, keyof O> & O

export type FakePrice = Shape<
  Stripe.Price,
  Keys<'id object active billing_scheme created currency custom_unit_amount livemode lookup_key metadata nickname recurring tax_behavior tiers_mode transform_quantity type unit_amount'>,
  { product: string; unit_amount: number }
>

export type FakeCheckoutLineItem = Shape<
  Stripe.LineItem,
  Keys<'id object amount_discount amount_subtotal amount_tax amount_total currency'>,
  { description: string; quantity: number; price: FakePrice }
>

export type FakeCustomer = Shape<
  Stripe.Customer,
  Keys<'id object address balance created currency default_source delinquent description email invoice_prefix invoice_settings livemode metadata name phone preferred_locales shipping'>
>

export type FakeCheckoutSession = Shape<
  Stripe.Checkout.Session,
  Keys<'id object allow_promotion_codes amount_subtotal amount_total cancel_url client_reference_id created currency customer_creation customer_details customer_email expires_at invoice_creation livemode locale metadata payment_method_types payment_status status success_url ui_mode url'>,
  {
    mode: 'payment' | 'subscription'
    customer: string | null
    invoice: string | null
    payment_intent: string | null
    subscription: string | null
    metadata: Metadata
    /** Only when retrieved with `expand: ['line_items']`. */
    line_items?: List<FakeCheckoutLineItem>
  }
>

export type FakePaymentIntent = Shape<
  Stripe.PaymentIntent,
  Keys<'id object amount amount_capturable amount_received canceled_at cancellation_reason capture_method client_secret confirmation_method created currency description last_payment_error livemode metadata next_action payment_method payment_method_types receipt_email status'>,
  { customer: string | null; latest_charge: string | null }
>

export type FakeRefund = Shape<
  Stripe.Refund,
  Keys<'id object amount balance_transaction created currency metadata reason receipt_number status'>,
  { payment_intent: string; charge: string | null; metadata: Metadata }
>

export type FakeSubscriptionItem = Shape<
  Stripe.SubscriptionItem,
  Keys<'id object billing_thresholds created current_period_end current_period_start discounts metadata quantity subscription tax_rates'>,
  { price: FakePrice }
>

export type FakeSubscription = Shape<
  Stripe.Subscription,
  Keys<'id object billing_cycle_anchor cancel_at cancel_at_period_end canceled_at cancellation_details collection_method created currency days_until_due default_payment_method description discounts ended_at livemode metadata pause_collection pending_update schedule start_date status trial_end trial_start'>,
  { customer: string; latest_invoice: string | null; items: List<FakeSubscriptionItem> }
>

export type FakeInvoiceLine = Shape<
  Stripe.InvoiceLineItem,
  Keys<'id object amount currency description discount_amounts discountable discounts invoice livemode metadata parent period pretax_credit_amounts pricing quantity subscription subtotal taxes'>,
  { subscription: string | null }
>

export type FakeInvoice = Shape<
  Stripe.Invoice,
  Keys<'id object account_country account_name amount_due amount_overpaid amount_paid amount_remaining amount_shipping attempt_count attempted billing_reason collection_method created currency customer_email customer_name description due_date effective_at hosted_invoice_url invoice_pdf livemode metadata next_payment_attempt number parent period_end period_start receipt_number status status_transitions subtotal total'>,
  { customer: string | null; lines: List<FakeInvoiceLine> }
>

export type FakePortalSession = Shape<
  Stripe.BillingPortal.Session,
  Keys<'id object created customer flow livemode locale on_behalf_of return_url url'>,
  { configuration: string }
>

export type FakeStripeObject =
  | FakeCustomer
  | FakeCheckoutSession
  | FakePaymentIntent
  | FakeRefund
  | FakeSubscription
  | FakeInvoice
  | FakePortalSession

export type FakeEventType = Stripe.Event['type']

/** The event envelope Stripe POSTs to a webhook endpoint (data.object is a snapshot at event time). */
export type FakeEvent = {
  id: string
  object: 'event'
  api_version: string
  created: number
  type: FakeEventType
  data: { object: FakeStripeObject; previous_attributes?: Record<string, unknown> }
  livemode: false
  pending_webhooks: number
  request: { id: string | null; idempotency_key: string | null }
}

/** One API call as the fake received it (bodies parsed with qs, bracket notation). */
export type FakeStripeRequest = {
  method: string
  path: string
  query: Params
  body: Params
  idempotencyKey: string | null
  stripeVersion: string | null
  authorization: string | null
  /** HTTP status the fake answered with. */
  status: number
}

export type FakeStripeDelivery = { event: FakeEvent; status: number; body: string }

export type FakeStripeOptions = {
  /** Where events are POSTed (signed), e.g. `${appUrl}/api/webhooks/stripe`. Without it nothing is sent. */
  webhookTarget?: string
  /** Defaults to a generated `whsec_…`. */
  webhookSecret?: string
  /** Defaults to a free port (the e2e process in tests/fakes/stripe-server.ts picks a fixed one). */
  port?: number
}

export type FakeStripe = {
  url: string
  apiKey: 'sk_test_fake'
  webhookSecret: string
  webhookTarget: string | null
  setWebhookTarget: (target: string | null) => void
  /** Every /v1 request in arrival order. */
  requests: FakeStripeRequest[]
  /** Every event the fake produced (helpers and API side effects), in order. */
  events: FakeEvent[]
  /** Every webhook POST and its answer (status 0: the target was unreachable). */
  deliveries: FakeStripeDelivery[]
  /** The stored object with this id (current state, not a copy). */
  lookup: (id: string) => FakeStripeObject | undefined
  completeCheckout: (sessionId: string, opts?: { paymentStatus?: 'paid' | 'unpaid' }) => Promise<FakeEvent[]>
  expireCheckout: (sessionId: string) => Promise<FakeEvent[]>
  asyncPaymentSucceeded: (sessionId: string) => Promise<FakeEvent[]>
  asyncPaymentFailed: (sessionId: string) => Promise<FakeEvent[]>
  renewSubscription: (subscriptionId: string) => Promise<FakeEvent[]>
  failInvoice: (subscriptionId: string) => Promise<FakeEvent[]>
  cancelSubscription: (subscriptionId: string) => Promise<FakeEvent[]>
  updateSubscription: (
    subscriptionId: string,
    changes: { cancel_at_period_end?: boolean; metadata?: Metadata },
  ) => Promise<FakeEvent[]>
  event: (
    type: FakeEventType,
    object: FakeStripeObject,
    previousAttributes?: Record<string, unknown>,
  ) => FakeEvent
  send: (event: FakeEvent) => Promise<{ status: number; body: string }>
  sign: (payload: string, timestamp?: number) => string
  /** Answer every following API request with this HTTP status (an outage); null: behave normally again. */
  failWith: (status: number | null) => void
  /** Resolves once every queued webhook delivery (also those triggered by API calls) is done. */
  flush: () => Promise<void>
  reset: () => void
  close: () => Promise<void>
}

type ErrorBody = {
  type: 'invalid_request_error' | 'idempotency_error' | 'api_error'
  message: string
  param?: string
  code?: string
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message)
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new ApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  })
const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, 'parameter_missing')
/** Unknown id: 404 when it is in the path, 400 when it is a parameter (as Stripe does). */
const noSuch = (kind: string, id: string, param = 'id') =>
  new ApiError(param === 'id' ? 404 : 400, {
    type: 'invalid_request_error',
    message: `No such ${kind}: '${id}'`,
    param,
    code: 'resource_missing',
  })

// --- form parameters -------------------------------------------------------------------------------------

function str(p: Params, key: string, param = key): string | undefined {
  const v = p[key]
  if (v === undefined) return undefined
  if (typeof v !== 'string') throw invalid(`Invalid string: ${param}`, param)
  return v
}

function requiredStr(p: Params, key: string, param = key): string {
  const v = str(p, key, param)
  if (!v) throw missing(param)
  return v
}

function obj(p: Params, key: string, param = key): Params | undefined {
  const v = p[key]
  if (v === undefined || v === '') return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(`Invalid object: ${param}`, param)
  return v
}

function list(p: Params, key: string, param = key): Params[] {
  const v = p[key]
  if (v === undefined || v === '') return []
  if (typeof v !== 'object') throw invalid(`Invalid array: ${param}`, param)
  // qs turns indexes above arrayLimit into object keys; both forms mean the same list.
  const items = Array.isArray(v) ? v : Object.values(v)
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalid(`Invalid object: ${param}[${i}]`, `${param}[${i}]`)
    }
    return item
  })
}

function strings(p: Params, key: string, param = key): string[] {
  const v = p[key]
  if (v === undefined || v === '') return []
  const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : Object.values(v)
  return items.map((item) => {
    if (typeof item !== 'string') throw invalid(`Invalid array: ${param}`, param)
    return item
  })
}

function int(p: Params, key: string, param = key): number | undefined {
  const v = str(p, key, param)
  if (v === undefined) return undefined
  if (!/^-?\d+$/.test(v)) throw invalid(`Invalid integer: ${v}`, param, 'parameter_invalid_integer')
  return Number(v)
}

function bool(p: Params, key: string, param = key): boolean | undefined {
  const v = str(p, key, param)
  if (v === undefined) return undefined
  if (v !== 'true' && v !== 'false') throw invalid(`Invalid boolean: ${v}`, param)
  return v === 'true'
}

/** Stripe metadata: string values; an empty value deletes the key on update. */
function metadata(p: Params, param = 'metadata', key = 'metadata'): Metadata | undefined {
  const m = obj(p, key, param)
  if (!m) return undefined
  const out: Metadata = {}
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string') throw invalid(`Invalid string: ${param}[${k}]`, `${param}[${k}]`)
    if (k.length > 40) throw invalid(`Metadata keys can have up to 40 characters.`, `${param}[${k}]`)
    if (v.length > 500) throw invalid(`Metadata values can have up to 500 characters.`, `${param}[${k}]`)
    out[k] = v
  }
  if (Object.keys(out).length > 50) throw invalid('Metadata can have up to 50 keys.', param)
  return out
}

function mergeMetadata(current: Metadata, update: Metadata): Metadata {
  const next = { ...current }
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete next[k]
    else next[k] = v
  }
  return next
}

// --- small utilities -------------------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length)
  let out = prefix
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Stripe anchors periods on the start day, clamped to the month's last day (31 Jan → 28 Feb → 31 Mar). */
function addInterval(anchor: number, interval: string, count: number): number {
  if (interval === 'day') return anchor + count * 86_400
  if (interval === 'week') return anchor + count * 7 * 86_400
  const d = new Date(anchor * 1000)
  const month = d.getUTCMonth() + (interval === 'year' ? 12 * count : count)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate()
  const day = Math.min(d.getUTCDate(), lastDay)
  return (
    Date.UTC(d.getUTCFullYear(), month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000
  )
}

const clone = <T>(value: T): T => structuredClone(value)

/** Top-level keys whose value changed, with their old values (Stripe's `previous_attributes`). */
function changed(before: object, after: object): Record<string, unknown> {
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(a)) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) out[key] = b[key] ?? null
  }
  return out
}

const chf = (amount: number) => `CHF ${(amount / 100).toFixed(2)}`
const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name]
  return (Array.isArray(v) ? v[0] : v) ?? null
}

function html(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}' +
      'button{margin:.25rem 0;padding:.5rem 1rem}table{width:100%}</style></head>' +
      `<body><p><strong>Fake Stripe</strong> (test mode)</p><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  )
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { location })
  res.end()
}

// A minimal valid one-page PDF, so an invoice_pdf link downloads something real.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const QS_OPTIONS = { depth: 10, arrayLimit: 100 }

type RouteResult = { status?: number; object: unknown; events?: FakeEvent[] }
type Route = {
  method: string
  pattern: RegExp
  run: (
    match: string[],
    params: Params,
    request: { id: string; idempotencyKey: string | null },
  ) => RouteResult
}

/**
 * A local stand-in for the Stripe API (INTEGRATIONS §2) for the real `stripe` SDK via
 * `buildStripe(fake.apiKey, fake.url)`: customers, Checkout (one-off and subscription), billing portal,
 * refunds, invoices and subscriptions, with Stripe-shaped errors and idempotency. Helpers play the
 * customer's part (pay, let expire, renew, fail) and POST the resulting events, signed, to `webhookTarget`.
 * Only CHF and `price_data` line items (or prices the fake created) are supported.
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('base64url')}`
  let webhookTarget = options.webhookTarget ?? null
  // Only its webhooks helper is used (signing); it never makes a request.
  const signer = new Stripe('sk_test_x')

  const requests: FakeStripeRequest[] = []
  const events: FakeEvent[] = []
  const deliveries: FakeStripeDelivery[] = []
  const objects = new Map<string, FakeStripeObject>()
  const prices = new Map<string, FakePrice>()
  const lineItems = new Map<string, FakeCheckoutLineItem[]>()
  // Per checkout session: what the create call asked for beyond the session object.
  const sessionExtras = new Map<string, { paymentIntentMetadata: Metadata; subscriptionMetadata: Metadata }>()
  const refunded = new Map<string, number>()
  const periodIndex = new Map<string, number>()
  const idempotent = new Map<
    string,
    { method: string; path: string; raw: string; status: number; body: string }
  >()
  let invoiceNumber = 0
  let outage: number | null = null
  let deliveryQueue: Promise<unknown> = Promise.resolve()

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.end()
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`

  // --- state access ---------------------------------------------------------------------------------------

  function get<T extends FakeStripeObject>(object: T['object'], id: string, kind: string, param = 'id'): T {
    const found = objects.get(id)
    if (!found || found.object !== object) throw noSuch(kind, id, param)
    return found as T
  }
  const customer = (id: string, param?: string) => get<FakeCustomer>('customer', id, 'customer', param)
  const session = (id: string) => get<FakeCheckoutSession>('checkout.session', id, 'checkout.session')
  const subscription = (id: string) => get<FakeSubscription>('subscription', id, 'subscription')
  const paymentIntent = (id: string, param?: string) =>
    get<FakePaymentIntent>('payment_intent', id, 'payment_intent', param)
  const invoice = (id: string) => get<FakeInvoice>('invoice', id, 'invoice')

  function store<T extends FakeStripeObject>(o: T): T {
    objects.set(o.id, o)
    return o
  }

  // --- events and delivery --------------------------------------------------------------------------------

  function event(
    type: FakeEventType,
    object: FakeStripeObject,
    previousAttributes?: Record<string, unknown>,
    request: FakeEvent['request'] = { id: null, idempotency_key: null },
  ): FakeEvent {
    const e: FakeEvent = {
      id: newId('evt_'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      type,
      data: {
        object: clone(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 1,
      request,
    }
    events.push(e)
    return e
  }

  const sign = (payload: string, timestamp?: number) =>
    signer.webhooks.generateTestHeaderString({ payload, secret: webhookSecret, timestamp })

  async function send(e: FakeEvent): Promise<{ status: number; body: string }> {
    if (!webhookTarget) throw new Error('startFakeStripe: no webhookTarget to send events to')
    // Stripe sends pretty-printed JSON; handlers must verify the raw bytes, not a re-serialisation.
    const payload = JSON.stringify(e, null, 2)
    let result: { status: number; body: string }
    try {
      const response = await fetch(webhookTarget, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': sign(payload),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        redirect: 'manual',
      })
      result = { status: response.status, body: await response.text() }
    } catch (error) {
      result = { status: 0, body: String(error) }
    }
    deliveries.push({ event: e, ...result })
    return result
  }

  /** Queued in order; helpers await their own events, API side effects go out after the response. */
  function dispatch(list: FakeEvent[]): Promise<FakeEvent[]> {
    if (!webhookTarget || list.length === 0) return Promise.resolve(list)
    const done = deliveryQueue.then(async () => {
      for (const e of list) await send(e)
    })
    deliveryQueue = done.catch(() => {})
    return done.then(() => list)
  }

  // --- object builders ------------------------------------------------------------------------------------

  function newCustomer(fields: {
    email: string | null
    name: string | null
    metadata: Metadata
  }): FakeCustomer {
    return store<FakeCustomer>({
      id: newId('cus_', 14),
      object: 'customer',
      address: null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      email: fields.email,
      invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: false,
      metadata: fields.metadata,
      name: fields.name,
      phone: null,
      preferred_locales: [],
      shipping: null,
    })
  }

  function newInvoice(fields: {
    customer: string | null
    subscription: FakeSubscription | null
    lines: { description: string; amount: number; quantity: number; price: FakePrice; itemId?: string }[]
    period: { start: number; end: number }
    /** invoice.period_start/end: for subscription_cycle Stripe reports the *previous* period there. */
    invoicePeriod?: { start: number; end: number }
    billingReason: Stripe.Invoice.BillingReason
    paid: boolean
    metadata: Metadata
  }): FakeInvoice {
    const id = newId('in_')
    const created = nowSeconds()
    const total = fields.lines.reduce((sum, l) => sum + l.amount, 0)
    const cus = fields.customer ? customer(fields.customer) : null
    const sub = fields.subscription
    invoiceNumber += 1
    const lines: FakeInvoiceLine[] = fields.lines.map((l) => ({
      id: newId('il_'),
      object: 'line_item',
      amount: l.amount,
      currency: 'chf',
      description: l.description,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent:
        sub && l.itemId
          ? {
              type: 'subscription_item_details',
              invoice_item_details: null,
              subscription_item_details: {
                invoice_item: null,
                proration: false,
                proration_details: { credited_items: null },
                subscription: sub.id,
                subscription_item: l.itemId,
              },
            }
          : {
              type: 'invoice_item_details',
              subscription_item_details: null,
              invoice_item_details: {
                invoice_item: newId('ii_'),
                proration: false,
                proration_details: { credited_items: null },
                subscription: null,
              },
            },
      period: fields.period,
      pretax_credit_amounts: [],
      pricing: {
        type: 'price_details',
        price_details: { price: l.price.id, product: l.price.product },
        unit_amount_decimal: null,
      },
      quantity: l.quantity,
      subscription: sub?.id ?? null,
      subtotal: l.amount,
      taxes: [],
    }))
    return store<FakeInvoice>({
      id,
      object: 'invoice',
      account_country: 'CH',
      account_name: 'Fake Stripe account',
      amount_due: total,
      amount_overpaid: 0,
      amount_paid: fields.paid ? total : 0,
      amount_remaining: fields.paid ? 0 : total,
      amount_shipping: 0,
      attempt_count: 1,
      attempted: true,
      billing_reason: fields.billingReason,
      collection_method: 'charge_automatically',
      created,
      currency: 'chf',
      customer: cus?.id ?? null,
      customer_email: cus?.email ?? null,
      customer_name: cus?.name ?? null,
      description: null,
      due_date: null,
      effective_at: created,
      hosted_invoice_url: `${baseUrl}/invoices/${id}`,
      invoice_pdf: `${baseUrl}/invoices/${id}/pdf`,
      livemode: false,
      metadata: fields.metadata,
      next_payment_attempt: null,
      number: `${cus?.invoice_prefix ?? 'FAKE'}-${String(invoiceNumber).padStart(4, '0')}`,
      parent: sub
        ? {
            type: 'subscription_details',
            quote_details: null,
            subscription_details: { metadata: sub.metadata, subscription: sub.id },
          }
        : null,
      // Like Stripe: not the period paid for (that is lines.data[].period).
      period_end: fields.invoicePeriod?.end ?? created,
      period_start: fields.invoicePeriod?.start ?? created,
      receipt_number: null,
      status: fields.paid ? 'paid' : 'open',
      status_transitions: {
        finalized_at: created,
        marked_uncollectible_at: null,
        paid_at: fields.paid ? created : null,
        voided_at: null,
      },
      subtotal: total,
      total,
      lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    })
  }

  function newPaymentIntent(
    s: FakeCheckoutSession,
    metadataValue: Metadata,
    paid: boolean,
  ): FakePaymentIntent {
    const id = newId('pi_')
    return store<FakePaymentIntent>({
      id,
      object: 'payment_intent',
      amount: s.amount_total ?? 0,
      amount_capturable: 0,
      amount_received: paid ? (s.amount_total ?? 0) : 0,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${id}_secret_${newId('', 24)}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency: 'chf',
      customer: s.customer,
      description: null,
      last_payment_error: null,
      latest_charge: paid ? newId('ch_') : null,
      livemode: false,
      metadata: metadataValue,
      next_action: null,
      payment_method: newId('pm_'),
      payment_method_types: s.payment_method_types,
      receipt_email: null,
      status: paid ? 'succeeded' : 'processing',
    })
  }

  // --- API routes -----------------------------------------------------------------------------------------

  function createCustomer(p: Params): RouteResult {
    const email = str(p, 'email') || null
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw invalid(`Invalid email address: ${email}`, 'email')
    }
    return { object: newCustomer({ email, name: str(p, 'name') || null, metadata: metadata(p) ?? {} }) }
  }

  function priceFromLineItem(item: Params, i: number, mode: string, created: number): FakePrice {
    const at = `line_items[${i}]`
    const priceId = str(item, 'price', `${at}[price]`)
    if (priceId) {
      const known = prices.get(priceId)
      if (!known) throw noSuch('price', priceId, `${at}[price]`)
      return known
    }
    const data = obj(item, 'price_data', `${at}[price_data]`)
    if (!data) throw invalid(`You must specify either \`price\` or \`price_data\` in ${at}.`, at)
    const currency = requiredStr(data, 'currency', `${at}[price_data][currency]`).toLowerCase()
    if (currency !== 'chf') {
      throw invalid(
        `Invalid currency: ${currency}. This fake only supports chf.`,
        `${at}[price_data][currency]`,
      )
    }
    const unitAmount = int(data, 'unit_amount', `${at}[price_data][unit_amount]`)
    if (unitAmount === undefined) throw missing(`${at}[price_data][unit_amount]`)
    if (unitAmount < 0) throw invalid('Invalid non-negative integer', `${at}[price_data][unit_amount]`)
    const product = obj(data, 'product_data', `${at}[price_data][product_data]`)
    if (!product) throw missing(`${at}[price_data][product_data]`)
    const name = requiredStr(product, 'name', `${at}[price_data][product_data][name]`)
    const recurringParams = obj(data, 'recurring', `${at}[price_data][recurring]`)
    let recurring: FakePrice['recurring'] = null
    if (recurringParams) {
      const interval = requiredStr(recurringParams, 'interval', `${at}[price_data][recurring][interval]`)
      if (!['day', 'week', 'month', 'year'].includes(interval)) {
        throw invalid(`Invalid recurring interval: ${interval}`, `${at}[price_data][recurring][interval]`)
      }
      const count =
        int(recurringParams, 'interval_count', `${at}[price_data][recurring][interval_count]`) ?? 1
      recurring = {
        interval,
        interval_count: count,
        meter: null,
        trial_period_days: null,
        usage_type: 'licensed',
      }
    }
    if (mode === 'payment' && recurring) {
      throw invalid(
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
        `${at}[price_data][recurring]`,
      )
    }
    if (mode === 'subscription' && !recurring) {
      // Stripe would allow one-time items next to a recurring one; the fake keeps subscriptions simple.
      throw invalid(
        'This fake needs a recurring price for every line item in `subscription` mode.',
        `${at}[price_data][recurring]`,
      )
    }
    const price: FakePrice = {
      id: newId('price_'),
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created,
      currency,
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: name,
      product: newId('prod_', 14),
      recurring,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: recurring ? 'recurring' : 'one_time',
      unit_amount: unitAmount,
    }
    return price
  }

  function createCheckoutSession(p: Params): RouteResult {
    const mode = str(p, 'mode')
    if (!mode) throw missing('mode')
    if (mode !== 'payment' && mode !== 'subscription') {
      throw invalid(`Invalid mode: ${mode}. This fake supports \`payment\` and \`subscription\`.`, 'mode')
    }
    const created = nowSeconds()
    const customerId = str(p, 'customer') || null
    const customerEmail = str(p, 'customer_email') || null
    if (customerId && customerEmail) {
      throw invalid(
        'You may only specify one of these parameters: customer, customer_email.',
        'customer_email',
      )
    }
    if (customerId) customer(customerId, 'customer')

    const itemParams = list(p, 'line_items')
    if (itemParams.length === 0) throw missing('line_items')
    const items: FakeCheckoutLineItem[] = itemParams.map((item, i) => {
      const price = priceFromLineItem(item, i, mode, created)
      const quantity = int(item, 'quantity', `line_items[${i}][quantity]`)
      if (quantity === undefined) throw missing(`line_items[${i}][quantity]`)
      if (quantity < 1) throw invalid('Invalid positive integer', `line_items[${i}][quantity]`)
      const amount = price.unit_amount * quantity
      return {
        id: newId('li_'),
        object: 'item',
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: price.currency,
        description: price.nickname ?? '',
        quantity,
        price,
      }
    })
    if (mode === 'subscription') {
      const intervals = new Set(
        items.map((i) => `${i.price.recurring?.interval}/${i.price.recurring?.interval_count}`),
      )
      if (intervals.size > 1) {
        throw invalid('All prices on a subscription must have the same `recurring.interval`.', 'line_items')
      }
    }
    const amountTotal = items.reduce((sum, i) => sum + i.amount_total, 0)
    if (mode === 'payment' && amountTotal < 50) {
      throw invalid("The Checkout Session's total amount due must add up to at least CHF 0.50", 'line_items')
    }

    const expiresAt = int(p, 'expires_at')
    // A few seconds of slack: the caller computes "now + 30 min" a moment before the fake sees it.
    if (
      expiresAt !== undefined &&
      (expiresAt < created + 30 * 60 - 5 || expiresAt > created + 24 * 3600 + 5)
    ) {
      throw invalid(
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      )
    }

    const paymentIntentData = obj(p, 'payment_intent_data')
    const subscriptionData = obj(p, 'subscription_data')
    const invoiceCreation = obj(p, 'invoice_creation')
    if (mode === 'subscription' && paymentIntentData) {
      throw invalid('You can not pass `payment_intent_data` in `subscription` mode.', 'payment_intent_data')
    }
    if (mode === 'subscription' && invoiceCreation) {
      throw invalid('You can only pass `invoice_creation` in `payment` mode.', 'invoice_creation')
    }
    if (mode === 'payment' && subscriptionData) {
      throw invalid('You can not pass `subscription_data` in `payment` mode.', 'subscription_data')
    }
    let invoiceCreationValue: FakeCheckoutSession['invoice_creation'] = null
    if (mode === 'payment') {
      const enabled = invoiceCreation ? bool(invoiceCreation, 'enabled', 'invoice_creation[enabled]') : false
      if (invoiceCreation && enabled === undefined) throw missing('invoice_creation[enabled]')
      const invoiceData = invoiceCreation
        ? obj(invoiceCreation, 'invoice_data', 'invoice_creation[invoice_data]')
        : undefined
      invoiceCreationValue = {
        enabled: enabled ?? false,
        invoice_data: {
          account_tax_ids: null,
          custom_fields: null,
          description: invoiceData
            ? (str(invoiceData, 'description', 'invoice_creation[invoice_data][description]') ?? null)
            : null,
          footer: null,
          issuer: null,
          metadata: invoiceData
            ? (metadata(invoiceData, 'invoice_creation[invoice_data][metadata]') ?? {})
            : {},
          rendering_options: null,
        },
      }
    }

    const extras = {
      paymentIntentMetadata: paymentIntentData
        ? (metadata(paymentIntentData, 'payment_intent_data[metadata]') ?? {})
        : {},
      subscriptionMetadata: subscriptionData
        ? (metadata(subscriptionData, 'subscription_data[metadata]') ?? {})
        : {},
    }
    const sessionMetadata = metadata(p) ?? {}
    const locale = (str(p, 'locale') as Stripe.Checkout.Session.Locale | undefined) ?? null
    const methodTypes = strings(p, 'payment_method_types')

    // Validated: only now does the request change state.
    const id = newId('cs_test_', 58)
    for (const item of items) prices.set(item.price.id, item.price)
    const s = store<FakeCheckoutSession>({
      id,
      object: 'checkout.session',
      allow_promotion_codes: bool(p, 'allow_promotion_codes') ?? null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      cancel_url: str(p, 'cancel_url') || null,
      client_reference_id: str(p, 'client_reference_id') || null,
      created,
      currency: 'chf',
      customer: customerId,
      customer_creation: customerId ? null : mode === 'payment' ? 'if_required' : 'always',
      customer_details: null,
      customer_email: customerEmail,
      expires_at: expiresAt ?? created + 24 * 3600,
      invoice: null,
      invoice_creation: invoiceCreationValue,
      livemode: false,
      locale,
      metadata: sessionMetadata,
      mode,
      payment_intent: null,
      payment_method_types: methodTypes.length > 0 ? methodTypes : ['card', 'twint'],
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: str(p, 'success_url') || null,
      ui_mode: 'hosted_page',
      url: `${baseUrl}/pay/${id}`,
    })
    lineItems.set(id, items)
    sessionExtras.set(id, extras)
    return { object: s }
  }

  function sessionLineItems(id: string): List<FakeCheckoutLineItem> {
    return {
      object: 'list',
      data: lineItems.get(id) ?? [],
      has_more: false,
      url: `/v1/checkout/sessions/${id}/line_items`,
    }
  }

  function retrieveSession(id: string, p: Params): RouteResult {
    const s = session(id)
    const expand = strings(p, 'expand')
    return { object: expand.includes('line_items') ? { ...s, line_items: sessionLineItems(id) } : s }
  }

  function expire(id: string, request?: FakeEvent['request']): FakeEvent[] {
    const s = session(id)
    if (s.status !== 'open') {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${s.status}".`,
      )
    }
    s.status = 'expired'
    s.url = null
    return [event('checkout.session.expired', s, undefined, request)]
  }

  function createPortalSession(p: Params): RouteResult {
    const customerId = requiredStr(p, 'customer')
    customer(customerId, 'customer')
    const id = newId('bps_')
    return {
      object: store<FakePortalSession>({
        id,
        object: 'billing_portal.session',
        configuration: 'bpc_fake',
        created: nowSeconds(),
        customer: customerId,
        flow: null,
        livemode: false,
        locale: (str(p, 'locale') as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
        on_behalf_of: null,
        return_url: str(p, 'return_url') || null,
        url: `${baseUrl}/portal/${id}`,
      }),
    }
  }

  function createRefund(p: Params): RouteResult {
    if (str(p, 'charge')) throw invalid('This fake refunds by `payment_intent` only.', 'charge')
    const pi = paymentIntent(requiredStr(p, 'payment_intent'), 'payment_intent')
    if (pi.status !== 'succeeded' || !pi.latest_charge) {
      throw invalid(
        `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        'payment_intent',
      )
    }
    const already = refunded.get(pi.id) ?? 0
    const rest = pi.amount_received - already
    if (rest <= 0) {
      throw invalid(
        `Charge ${pi.latest_charge} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      )
    }
    const amount = int(p, 'amount') ?? rest
    if (amount < 1) throw invalid('Invalid positive integer', 'amount')
    if (amount > rest) {
      throw invalid(
        `Refund amount (${chf(amount)}) is greater than unrefunded amount on charge (${chf(rest)})`,
        'amount',
        'amount_too_large',
      )
    }
    const reason = str(p, 'reason') ?? null
    if (reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
      throw invalid(`Invalid reason: ${reason}`, 'reason')
    }
    refunded.set(pi.id, already + amount)
    return {
      object: store<FakeRefund>({
        id: newId('re_'),
        object: 'refund',
        amount,
        balance_transaction: newId('txn_'),
        charge: pi.latest_charge,
        created: nowSeconds(),
        currency: pi.currency,
        metadata: metadata(p) ?? {},
        payment_intent: pi.id,
        reason: reason as Stripe.Refund.Reason | null,
        receipt_number: null,
        status: 'succeeded',
      }),
    }
  }

  function listInvoices(p: Params): RouteResult {
    const customerId = str(p, 'customer')
    const subscriptionId = str(p, 'subscription')
    const status = str(p, 'status')
    const limit = Math.min(Math.max(int(p, 'limit') ?? 10, 1), 100)
    const all = [...objects.values()]
      .filter((o): o is FakeInvoice => o.object === 'invoice')
      .filter((i) => !customerId || i.customer === customerId)
      .filter((i) => !subscriptionId || i.parent?.subscription_details?.subscription === subscriptionId)
      .filter((i) => !status || i.status === status)
      .reverse() // newest first, as Stripe lists
    const query = qs.stringify({ customer: customerId, subscription: subscriptionId, status })
    return {
      object: {
        object: 'list',
        data: all.slice(0, limit),
        has_more: all.length > limit,
        url: `/v1/invoices${query ? `?${query}` : ''}`,
      } satisfies List<FakeInvoice>,
    }
  }

  function update(sub: FakeSubscription, changes: { cancel_at_period_end?: boolean; metadata?: Metadata }) {
    const before = clone(sub)
    if (sub.status === 'canceled' && changes.cancel_at_period_end !== undefined) {
      throw invalid('A canceled subscription can only update its cancellation_details and metadata.')
    }
    if (changes.metadata) sub.metadata = mergeMetadata(sub.metadata, changes.metadata)
    if (changes.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = changes.cancel_at_period_end
      if (changes.cancel_at_period_end) {
        sub.cancel_at = sub.items.data[0]?.current_period_end ?? null
        sub.canceled_at = nowSeconds()
        sub.cancellation_details = {
          comment: null,
          feedback: null,
          feedback_option: null,
          reason: 'cancellation_requested',
        }
      } else {
        sub.cancel_at = null
        sub.canceled_at = null
        sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason: null }
      }
    }
    return changed(before, sub)
  }

  function updateSubscriptionRoute(id: string, p: Params, request: FakeEvent['request']): RouteResult {
    const sub = subscription(id)
    const previous = update(sub, {
      cancel_at_period_end: bool(p, 'cancel_at_period_end'),
      metadata: metadata(p),
    })
    const updated =
      Object.keys(previous).length > 0 ? [event('customer.subscription.updated', sub, previous, request)] : []
    return { object: sub, events: updated }
  }

  function cancel(sub: FakeSubscription, request?: FakeEvent['request']): FakeEvent[] {
    if (sub.status === 'canceled') throw invalid(`The subscription ${sub.id} has already been canceled.`)
    const now = nowSeconds()
    sub.status = 'canceled'
    sub.canceled_at ??= now
    sub.ended_at = now
    sub.cancellation_details = {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: 'cancellation_requested',
    }
    return [event('customer.subscription.deleted', sub, undefined, request)]
  }

  const routes: Route[] = [
    { method: 'POST', pattern: /^\/v1\/customers$/, run: (_, p) => createCustomer(p) },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      run: ([, id = '']) => ({ object: customer(id) }),
    },
    {
      // Deleting a customer cancels its running subscriptions at once (Stripe does, without proration).
      method: 'DELETE',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      run: ([, id = ''], _, r) => {
        customer(id)
        const cancelled: FakeEvent[] = []
        for (const o of objects.values())
          if (o.object === 'subscription' && (o as FakeSubscription).customer === id)
            if ((o as FakeSubscription).status !== 'canceled')
              cancelled.push(
                ...cancel(o as FakeSubscription, { id: r.id, idempotency_key: r.idempotencyKey }),
              )
        objects.delete(id)
        return { object: { id, object: 'customer', deleted: true }, events: cancelled }
      },
    },
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, run: (_, p) => createCheckoutSession(p) },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      run: ([, id = ''], p) => retrieveSession(id, p),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
      run: ([, id = '']) => (session(id), { object: sessionLineItems(id) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
      run: ([, id = ''], _, r) => {
        const expired = expire(id, { id: r.id, idempotency_key: r.idempotencyKey })
        return { object: session(id), events: expired }
      },
    },
    { method: 'POST', pattern: /^\/v1\/billing_portal\/sessions$/, run: (_, p) => createPortalSession(p) },
    { method: 'POST', pattern: /^\/v1\/refunds$/, run: (_, p) => createRefund(p) },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([^/]+)$/,
      run: ([, id = '']) => ({ object: get<FakeRefund>('refund', id, 'refund') }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents\/([^/]+)$/,
      run: ([, id = '']) => ({ object: paymentIntent(id) }),
    },
    { method: 'GET', pattern: /^\/v1\/invoices$/, run: (_, p) => listInvoices(p) },
    { method: 'GET', pattern: /^\/v1\/invoices\/([^/]+)$/, run: ([, id = '']) => ({ object: invoice(id) }) },
    {
      method: 'GET',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      run: ([, id = '']) => ({ object: subscription(id) }),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      run: ([, id = ''], p, r) =>
        updateSubscriptionRoute(id, p, { id: r.id, idempotency_key: r.idempotencyKey }),
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      run: ([, id = ''], _, r) => {
        const sub = subscription(id)
        return { object: sub, events: cancel(sub, { id: r.id, idempotency_key: r.idempotencyKey }) }
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([^/]+)$/,
      run: ([, id = '']) => {
        const e = events.find((x) => x.id === id)
        if (!e) throw noSuch('event', id)
        return { object: e }
      },
    },
  ]

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    const method = req.method ?? 'GET'
    const path = url.pathname
    const query = qs.parse(url.search.slice(1), QS_OPTIONS)
    const body = method === 'POST' ? qs.parse(raw, QS_OPTIONS) : {}
    const idempotencyKey = header(req, 'idempotency-key')
    const authorization = header(req, 'authorization')
    const record: FakeStripeRequest = {
      method,
      path,
      query,
      body,
      idempotencyKey,
      stripeVersion: header(req, 'stripe-version'),
      authorization,
      status: 0,
    }
    requests.push(record)
    const requestId = newId('req_', 14)
    const reply = (status: number, text: string, extra: Record<string, string> = {}) => {
      record.status = status
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': requestId,
        'stripe-version': record.stripeVersion ?? API_VERSION,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        ...extra,
      })
      res.end(text)
    }
    const fail = (e: ApiError) =>
      reply(e.status, JSON.stringify({ error: { ...e.body, request_log_url: null } }))

    if (!authorization?.startsWith('Bearer ')) {
      return fail(
        new ApiError(401, {
          type: 'invalid_request_error',
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        }),
      )
    }
    const key = authorization.slice('Bearer '.length)
    if (!/^sk_test_\w+$/.test(key)) {
      return fail(
        new ApiError(401, {
          type: 'invalid_request_error',
          message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
        }),
      )
    }

    if (outage) return fail(new ApiError(outage, { type: 'api_error', message: 'Simulated outage.' }))

    if (method === 'POST' && idempotencyKey) {
      const prior = idempotent.get(idempotencyKey)
      if (prior) {
        if (prior.method === method && prior.path === path && prior.raw === raw) {
          return reply(prior.status, prior.body, { 'idempotent-replayed': 'true' })
        }
        return fail(
          new ApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }),
        )
      }
    }

    const route = routes.find((r) => r.method === method && r.pattern.test(path))
    if (!route) {
      return fail(invalid(`Unrecognized request URL (${method}: ${path}).`, undefined))
    }
    let result: RouteResult
    try {
      const match = route.pattern.exec(path) ?? []
      result = route.run([...match], method === 'POST' ? body : query, { id: requestId, idempotencyKey })
    } catch (error) {
      if (error instanceof ApiError) return fail(error)
      throw error
    }
    const status = result.status ?? 200
    const text = JSON.stringify(result.object)
    // Like Stripe, only requests that ran are saved; a failed validation can be retried with the same key.
    if (method === 'POST' && idempotencyKey) {
      idempotent.set(idempotencyKey, { method, path, raw, status, body: text })
    }
    reply(status, text)
    if (result.events) void dispatch(result.events)
  }

  // --- customer-side state changes (helpers and pages) ----------------------------------------------------

  async function completeCheckout(
    sessionId: string,
    opts: { paymentStatus?: 'paid' | 'unpaid' } = {},
  ): Promise<FakeEvent[]> {
    const s = session(sessionId)
    if (s.status !== 'open') throw new Error(`checkout session ${sessionId} is ${s.status}, not open`)
    const paid = (opts.paymentStatus ?? 'paid') === 'paid'
    const extras = sessionExtras.get(s.id) ?? { paymentIntentMetadata: {}, subscriptionMetadata: {} }
    const items = lineItems.get(s.id) ?? []
    const now = nowSeconds()

    if (!s.customer && (s.mode === 'subscription' || s.invoice_creation?.enabled)) {
      s.customer = newCustomer({
        email: s.customer_email ?? 'customer@example.com',
        name: null,
        metadata: {},
      }).id
    }
    const cus = s.customer ? customer(s.customer) : null
    s.customer_details = {
      address: null,
      business_name: null,
      email: cus?.email ?? s.customer_email ?? 'customer@example.com',
      individual_name: null,
      name: cus?.name ?? null,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    }
    s.status = 'complete'
    s.payment_status = paid ? 'paid' : 'unpaid'
    s.url = null

    if (s.mode === 'payment') {
      s.payment_intent = newPaymentIntent(s, extras.paymentIntentMetadata, paid).id
      if (paid && s.invoice_creation?.enabled) s.invoice = oneOffInvoice(s).id
      return dispatch([event('checkout.session.completed', s)])
    }

    if (!s.customer) throw new Error('unreachable: subscription checkout without customer')
    const subId = newId('sub_')
    const first = items[0]
    const recurring = first?.price.recurring
    const end = recurring ? addInterval(now, recurring.interval, recurring.interval_count) : now
    const sub = store<FakeSubscription>({
      id: subId,
      object: 'subscription',
      billing_cycle_anchor: now,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
      collection_method: 'charge_automatically',
      created: now,
      currency: 'chf',
      customer: s.customer,
      days_until_due: null,
      default_payment_method: newId('pm_'),
      description: null,
      discounts: [],
      ended_at: null,
      latest_invoice: null,
      livemode: false,
      metadata: extras.subscriptionMetadata,
      pause_collection: null,
      pending_update: null,
      schedule: null,
      start_date: now,
      status: paid ? 'active' : 'incomplete',
      trial_end: null,
      trial_start: null,
      items: {
        object: 'list',
        data: items.map((i) => ({
          id: newId('si_', 14),
          object: 'subscription_item',
          billing_thresholds: null,
          created: now,
          current_period_end: end,
          current_period_start: now,
          discounts: [],
          metadata: {},
          quantity: i.quantity,
          subscription: subId,
          tax_rates: [],
          price: i.price,
        })),
        has_more: false,
        url: `/v1/subscription_items?subscription=${subId}`,
      },
    })
    periodIndex.set(sub.id, 0)
    const inv = subscriptionInvoice(sub, 'subscription_create', paid)
    s.subscription = sub.id
    s.invoice = inv.id
    const list = [event('checkout.session.completed', s), event('customer.subscription.created', sub)]
    if (paid) list.push(event('invoice.paid', inv))
    return dispatch(list)
  }

  function oneOffInvoice(s: FakeCheckoutSession): FakeInvoice {
    const items = lineItems.get(s.id) ?? []
    return newInvoice({
      customer: s.customer,
      subscription: null,
      lines: items.map((i) => ({
        description: i.description,
        amount: i.amount_total,
        quantity: i.quantity,
        price: i.price,
      })),
      period: { start: s.created, end: s.created },
      billingReason: 'manual',
      paid: true,
      metadata: s.invoice_creation?.invoice_data.metadata ?? {},
    })
  }

  function subscriptionInvoice(
    sub: FakeSubscription,
    reason: 'subscription_create' | 'subscription_cycle',
    paid: boolean,
    previousPeriod?: { start: number; end: number },
  ) {
    const first = sub.items.data[0]
    const inv = newInvoice({
      customer: sub.customer,
      subscription: sub,
      lines: sub.items.data.map((item) => ({
        description: `${item.quantity ?? 1} × ${item.price.nickname ?? 'Subscription'} (at ${chf(item.price.unit_amount)} / ${item.price.recurring?.interval ?? 'month'})`,
        amount: item.price.unit_amount * (item.quantity ?? 1),
        quantity: item.quantity ?? 1,
        price: item.price,
        itemId: item.id,
      })),
      period: {
        start: first?.current_period_start ?? sub.created,
        end: first?.current_period_end ?? sub.created,
      },
      invoicePeriod: previousPeriod,
      billingReason: reason,
      paid,
      metadata: {},
    })
    sub.latest_invoice = inv.id
    return inv
  }

  function markPaid(inv: FakeInvoice) {
    const now = nowSeconds()
    inv.status = 'paid'
    inv.amount_paid = inv.amount_due
    inv.amount_remaining = 0
    inv.status_transitions = { ...inv.status_transitions, paid_at: now }
  }

  async function asyncPayment(sessionId: string, succeeded: boolean): Promise<FakeEvent[]> {
    const s = session(sessionId)
    if (s.status !== 'complete' || s.payment_status !== 'unpaid') {
      throw new Error(
        `checkout session ${sessionId} has no pending payment (status ${s.status}, ${s.payment_status})`,
      )
    }
    const list: FakeEvent[] = []
    if (s.mode === 'payment' && s.payment_intent) {
      const pi = paymentIntent(s.payment_intent)
      pi.status = succeeded ? 'succeeded' : 'requires_payment_method'
      if (succeeded) {
        pi.amount_received = pi.amount
        pi.latest_charge = newId('ch_')
        s.payment_status = 'paid'
        if (s.invoice_creation?.enabled) s.invoice = oneOffInvoice(s).id
      }
      list.push(
        event(
          succeeded ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed',
          s,
        ),
      )
    } else if (s.subscription && s.invoice) {
      const sub = subscription(s.subscription)
      const inv = invoice(s.invoice)
      if (succeeded) {
        s.payment_status = 'paid'
        markPaid(inv)
        const before = clone(sub)
        sub.status = 'active'
        list.push(
          event('checkout.session.async_payment_succeeded', s),
          event('invoice.paid', inv),
          event('customer.subscription.updated', sub, changed(before, sub)),
        )
      } else {
        inv.next_payment_attempt = null
        list.push(event('checkout.session.async_payment_failed', s), event('invoice.payment_failed', inv))
      }
    }
    return dispatch(list)
  }

  function activeSubscription(id: string): FakeSubscription {
    const sub = subscription(id)
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
      throw new Error(`subscription ${id} is ${sub.status}`)
    }
    return sub
  }

  /**
   * Moves every item to the next period (anchored on billing_cycle_anchor, so no month-end drift);
   * returns the period that ended.
   */
  function advancePeriod(sub: FakeSubscription): { start: number; end: number } {
    const first = sub.items.data[0]
    const ended = {
      start: first?.current_period_start ?? sub.created,
      end: first?.current_period_end ?? sub.created,
    }
    const n = (periodIndex.get(sub.id) ?? 0) + 1
    periodIndex.set(sub.id, n)
    for (const item of sub.items.data) {
      const r = item.price.recurring
      if (!r) continue
      item.current_period_start = item.current_period_end
      item.current_period_end = addInterval(sub.billing_cycle_anchor, r.interval, r.interval_count * (n + 1))
    }
    return ended
  }

  async function renewSubscription(id: string): Promise<FakeEvent[]> {
    const sub = activeSubscription(id)
    if (sub.cancel_at_period_end) {
      // The period ran out on a subscription set to cancel: Stripe ends it instead of renewing.
      const end = sub.items.data[0]?.current_period_end ?? nowSeconds()
      sub.status = 'canceled'
      sub.ended_at = end
      return dispatch([event('customer.subscription.deleted', sub)])
    }
    const before = clone(sub)
    const ended = advancePeriod(sub)
    const inv = subscriptionInvoice(sub, 'subscription_cycle', true, ended)
    sub.status = 'active'
    return dispatch([
      event('invoice.paid', inv),
      event('customer.subscription.updated', sub, changed(before, sub)),
    ])
  }

  async function failInvoice(id: string): Promise<FakeEvent[]> {
    const sub = activeSubscription(id)
    const before = clone(sub)
    const ended = advancePeriod(sub)
    const inv = subscriptionInvoice(sub, 'subscription_cycle', false, ended)
    inv.next_payment_attempt = nowSeconds() + 3 * 86_400
    sub.status = 'past_due'
    return dispatch([
      event('invoice.payment_failed', inv),
      event('customer.subscription.updated', sub, changed(before, sub)),
    ])
  }

  // --- browser pages --------------------------------------------------------------------------------------

  async function page(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    const method = req.method ?? 'GET'
    const form = qs.parse(raw)
    const [, kind, id = '', extra] = url.pathname.split('/')
    const found = objects.get(id)

    if (kind === 'pay' && found?.object === 'checkout.session') {
      const s = found
      if (method === 'POST') {
        const outcome = form.outcome
        if (outcome === 'cancel') return redirect(res, s.cancel_url ?? `${baseUrl}/pay/${s.id}`)
        if (s.status === 'open' && s.expires_at > nowSeconds()) {
          await completeCheckout(s.id, { paymentStatus: outcome === 'unpaid' ? 'unpaid' : 'paid' })
        }
        if (s.status === 'complete' && s.success_url) {
          return redirect(res, s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id))
        }
        return redirect(res, `${baseUrl}/pay/${s.id}`)
      }
      const rows = (lineItems.get(s.id) ?? [])
        .map(
          (i) =>
            `<tr><td>${i.quantity} × ${escapeHtml(i.description)}</td><td>${chf(i.amount_total)}${i.price.recurring ? ` / ${escapeHtml(i.price.recurring.interval)}` : ''}</td></tr>`,
        )
        .join('')
      const summary = `<table>${rows}<tr><th>Total</th><th>${chf(s.amount_total ?? 0)}</th></tr></table>`
      if (s.status !== 'open' || s.expires_at <= nowSeconds()) {
        const state = s.status === 'complete' ? `complete (${s.payment_status})` : 'expired'
        return html(
          res,
          s.status === 'complete' ? 200 : 410,
          'Checkout',
          `${summary}<p>This checkout is ${state}.</p>`,
        )
      }
      return html(
        res,
        200,
        'Checkout',
        `${summary}<form method="post">` +
          '<button name="outcome" value="paid">Pay</button><br>' +
          '<button name="outcome" value="unpaid">Pay later (delayed payment method)</button><br>' +
          '<button name="outcome" value="cancel">Back (cancel)</button></form>',
      )
    }

    if (kind === 'portal' && found?.object === 'billing_portal.session') {
      const portal = found
      const subs = [...objects.values()].filter(
        (o): o is FakeSubscription => o.object === 'subscription' && o.customer === portal.customer,
      )
      if (method === 'POST') {
        const sub = subs.find((x) => x.id === form.subscription)
        if (sub && sub.status !== 'canceled') {
          // The portal's default cancellation mode: at the end of the billing period.
          const previous = update(sub, { cancel_at_period_end: form.action !== 'reactivate' })
          if (Object.keys(previous).length > 0) {
            await dispatch([event('customer.subscription.updated', sub, previous)])
          }
        }
        return redirect(
          res,
          form.action === 'return' ? (portal.return_url ?? baseUrl) : `${baseUrl}/portal/${portal.id}`,
        )
      }
      const invoices = [...objects.values()].filter(
        (o): o is FakeInvoice => o.object === 'invoice' && o.customer === portal.customer,
      )
      const subRows = subs
        .map((sub) => {
          const item = sub.items.data[0]
          const end = item ? new Date(item.current_period_end * 1000).toISOString().slice(0, 10) : '?'
          const action =
            sub.status === 'canceled'
              ? ''
              : `<form method="post"><input type="hidden" name="subscription" value="${sub.id}">` +
                (sub.cancel_at_period_end
                  ? '<button name="action" value="reactivate">Renew subscription</button>'
                  : '<button name="action" value="cancel">Cancel subscription</button>') +
                '</form>'
          const state = sub.cancel_at_period_end ? `cancels on ${end}` : `${sub.status}, renews on ${end}`
          return `<li>${escapeHtml(item?.price.nickname ?? sub.id)}: ${state}${action}</li>`
        })
        .join('')
      const invoiceRows = invoices
        .map(
          (i) =>
            `<li><a href="${i.hosted_invoice_url ?? ''}">${escapeHtml(i.number ?? i.id)}</a> ${chf(i.total)} (${i.status})</li>`,
        )
        .join('')
      return html(
        res,
        200,
        'Billing portal',
        `<h2>Subscriptions</h2><ul>${subRows || '<li>None</li>'}</ul><h2>Invoices</h2><ul>${invoiceRows || '<li>None</li>'}</ul>` +
          '<form method="post"><button name="action" value="return">Return</button></form>',
      )
    }

    if (kind === 'invoices' && found?.object === 'invoice') {
      if (extra === 'pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' })
        return res.end(PDF)
      }
      const lines = found.lines.data
        .map((l) => `<li>${escapeHtml(l.description ?? '')}: ${chf(l.amount)}</li>`)
        .join('')
      return html(
        res,
        200,
        `Invoice ${found.number ?? found.id}`,
        `<ul>${lines}</ul><p>Total ${chf(found.total)}, ${found.status}</p><a href="${found.invoice_pdf ?? ''}">PDF</a>`,
      )
    }

    return html(res, 404, 'Not found', '<p>Nothing here.</p>')
  }

  /**
   * For the e2e specs (tests/fakes/stripe-server.ts), not part of Stripe's API: what arrived and went out so far
   * (`/__fake/requests`), and an object's current state (`/__fake/objects/<id>`; 404 once deleted).
   */
  function inspect(res: ServerResponse, url: URL) {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/__fake/requests')
      return reply(200, {
        requests: requests.map(({ method, path, status }) => ({ method, path, status })),
        deliveries: deliveries.map((d) => ({
          type: d.event.type,
          status: d.status,
          object: d.event.data.object,
        })),
      })
    const object = /^\/__fake\/objects\/([^/]+)$/.exec(url.pathname)
    const found = object ? objects.get(object[1]!) : undefined
    return found ? reply(200, found) : reply(404, { error: 'not found' })
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req)
    const url = new URL(req.url ?? '/', baseUrl)
    if (url.pathname.startsWith('/v1/')) return api(req, res, url, raw)
    if (url.pathname.startsWith('/__fake/')) return inspect(res, url)
    return page(req, res, url, raw)
  }

  return {
    url: baseUrl,
    apiKey: 'sk_test_fake',
    webhookSecret,
    get webhookTarget() {
      return webhookTarget
    },
    setWebhookTarget: (target) => {
      webhookTarget = target
    },
    requests,
    events,
    deliveries,
    lookup: (id) => objects.get(id),
    completeCheckout,
    // async: an unknown id rejects rather than throwing synchronously.
    expireCheckout: async (id) => dispatch(expire(id)),
    asyncPaymentSucceeded: (id) => asyncPayment(id, true),
    asyncPaymentFailed: (id) => asyncPayment(id, false),
    renewSubscription,
    failInvoice,
    cancelSubscription: async (id) => dispatch(cancel(subscription(id))),
    updateSubscription: async (id, changes) => {
      const sub = subscription(id)
      const previous = update(sub, changes)
      return dispatch(
        Object.keys(previous).length > 0 ? [event('customer.subscription.updated', sub, previous)] : [],
      )
    },
    event: (type, object, previousAttributes) => event(type, object, previousAttributes),
    send,
    sign,
    failWith: (status) => {
      outage = status
    },
    flush: async () => {
      await deliveryQueue
    },
    reset: () => {
      requests.length = 0
      events.length = 0
      deliveries.length = 0
      for (const m of [objects, prices, lineItems, refunded, periodIndex, idempotent, sessionExtras]) {
        m.clear()
      }
      invoiceNumber = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
