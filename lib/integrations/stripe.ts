import 'server-only'
import Stripe from 'stripe'
import { localSecret } from '@/lib/config/local-secrets'
import { env } from '@/lib/env'

/**
 * The only place that builds the Stripe client (INTEGRATIONS §0). Null without STRIPE_SECRET_KEY: the app then
 * uses the local "Testzahlung" checkout (lib/payments/local-checkout.ts), which drives the same webhook code.
 */
export function stripeClient(): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null
  return buildStripe(env.STRIPE_SECRET_KEY, env.STRIPE_API_BASE)
}

/** A client for `key`, optionally against a Stripe-compatible base URL (the test fake). */
export function buildStripe(key: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : null
  return new Stripe(key, {
    // Pinned to the SDK's own version, so webhook payloads have the shape the types describe.
    apiVersion: '2026-10-28.endive',
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  })
}

/** Signature verification only needs the helper, not a key: a client-free instance for constructEvent. */
let verifier: Stripe | null = null
export function stripeWebhooks(): Stripe['webhooks'] {
  verifier ??= new Stripe('sk_verify_only', { apiVersion: '2026-10-28.endive' })
  return verifier.webhooks
}

/**
 * The secret webhook events are signed with. With Stripe: STRIPE_WEBHOOK_SECRET (required, else the endpoint
 * refuses every event). Locally: STRIPE_WEBHOOK_SECRET if set, otherwise one generated into DATA_DIR/secrets,
 * which the local checkout signs its events with.
 */
export function stripeWebhookSecret(): string | null {
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET
  if (env.STRIPE_SECRET_KEY) return null
  return `whsec_local_${localSecret('stripe-webhook.key').toString('base64url')}`
}

/** Ids the local Testzahlung invents (`cus_local_…`, `sub_local_…`): they exist only in our database. */
export const isLocalStripeId = (id: string) => id.includes('_local_')

/**
 * Deletes a customer at Stripe (R10.2): name, e-mail and payment methods go; Stripe cancels its subscriptions.
 * A customer Stripe no longer knows counts as done.
 */
export async function deleteStripeCustomer(
  stripe: Stripe,
  customerId: string,
): Promise<'deleted' | 'already_gone'> {
  try {
    await stripe.customers.del(customerId)
    return 'deleted'
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return 'already_gone'
    throw error
  }
}
