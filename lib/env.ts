import { createEnv } from '@t3-oss/env-nextjs'
import { z } from 'zod'

const optional = z.string().min(1).optional()
const base64Key32 = z
  .string()
  .refine(
    (v) => Buffer.from(v, 'base64').length === 32,
    'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
  )

/**
 * Every environment variable, validated once. Nothing else reads process.env.
 * Unset provider keys select the embedded local implementation (see .env.example).
 */
export const env = createEnv({
  server: {
    // Deployment facts Vercel sets; used to refuse local-only modes on real deployments.
    VERCEL: optional,
    VERCEL_ENV: z.enum(['production', 'preview', 'development']).optional(),
    NEXT_PHASE: optional,
    APP_URL: z.url().default('http://localhost:3000'),
    DATA_DIR: z.string().min(1).default('.data'),
    /**
     * Self-hosted behind reverse proxies: how many of them are ours (each appends to X-Forwarded-For). 0 (default):
     * none, X-Forwarded-For is not believed. See lib/http/client-address.ts and the README.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Set by lib/dev/server.ts for its own process only (random per start): proves the x-mialma-peer header. */
    MI_ALMA_PEER_KEY: z.string().min(32).optional(),
    /** Local start: the interface to listen on (default 127.0.0.1; 0.0.0.0 opens it to the network). */
    HOST: z.string().min(1).optional(),
    /** Test only: every technical log line is also appended to this file (the e2e leak canaries read it). */
    LOG_FILE: z.string().min(1).optional(),
    /** Test only (scripts/test.sh): `npm run typecheck` already checked every file, route types included. */
    BUILD_SKIP_TYPECHECK: z.enum(['0', '1']).optional(),

    DATABASE_URL: z.url().optional(),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    TEST_DATABASE_URL: z.url().optional(),

    DATA_ENCRYPTION_KEY: base64Key32.optional(),
    DATA_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .default('k1'),

    MI_ALMA_LOCAL_AUTH: z.enum(['0', '1']).optional(),
    LOCAL_AUTH_SECRET: z.string().min(32).optional(),

    CLERK_SECRET_KEY: optional,
    CLERK_WEBHOOK_SIGNING_SECRET: optional,
    CLERK_API_URL: z.url().optional(),

    RESEND_API_KEY: optional,
    RESEND_BASE_URL: z.url().optional(),
    EMAIL_FROM: z.string().min(3).default('Mi Alma <info@mialma.ch>'),

    CRON_SECRET: z.string().min(16).optional(),

    STRIPE_SECRET_KEY: optional,
    STRIPE_WEBHOOK_SECRET: optional,
    /** Base URL of a Stripe-compatible API (tests point it at tests/fakes/stripe.ts). */
    STRIPE_API_BASE: z.url().optional(),

    DAILY_API_KEY: optional,
    DAILY_API_URL: z.url().default('https://api.daily.co/v1'),
    /** Daily's media region for our rooms (R5.1 "EU"): Frankfurt unless another EU region is chosen. */
    DAILY_GEO: z.enum(['eu-central-1', 'eu-west-2']).default('eu-central-1'),
    /** The webhook's `hmac` secret as Daily shows it (base64). */
    DAILY_WEBHOOK_HMAC: optional,
    /** Rooms are named `<prefix>-<bookingId>`; one prefix per environment sharing a Daily domain. */
    VIDEO_ROOM_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]{1,30}$/)
      .default('mialma-local'),

    GLADIA_API_KEY: optional,
    GLADIA_API_URL: z.url().default('https://api.gladia.io'),

    /** Mistral (R7): the key switches AI summaries on; EU server unless MISTRAL_SERVER_URL points elsewhere. */
    MISTRAL_API_KEY: optional,
    /** A self-hosted Mistral-compatible endpoint (or the test fake); with it a key is optional. */
    MISTRAL_SERVER_URL: z.url().optional(),
    MISTRAL_MODEL: z.string().min(1).default('mistral-small-latest'),

    /**
     * Acuity Scheduling (R3.5), server-to-server only: with both set, appointment types and free times come from
     * Acuity and appointments are mirrored there; unset → our own scheduling (the default).
     */
    ACUITY_USER_ID: optional,
    ACUITY_API_KEY: optional,
    ACUITY_BASE_URL: z.url().default('https://acuityscheduling.com/api/v1'),

    /** S3-compatible storage (Cloudflare R2) for recordings; unset → DATA_DIR/storage on the local disk. */
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: optional,
    S3_REGION: z.string().min(1).default('auto'),
    S3_ACCESS_KEY_ID: optional,
    S3_SECRET_ACCESS_KEY: optional,

    /** The practice behind the app, for the footer, the Impressum and the privacy page (demo: the seed policy's). */
    PRACTICE_NAME: z.string().min(1).default('Mi Alma – Paula Lo Martire'),
    PRACTICE_ADDRESS: z.string().min(1).default('Gertwies 27, 8500 Frauenfeld, Schweiz'),
    PRACTICE_EMAIL: z.email().default('info@mialma.ch'),
    PRACTICE_PHONE: optional,
    /** The Swiss business identification number (UID, CHE-…), if the practice has one. */
    PRACTICE_UID: optional,
  },
  client: {
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optional,
  },
  shared: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  },
  experimental__runtimeEnv: {
    NODE_ENV: process.env.NODE_ENV,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  },
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    // Names and reasons only: values may be secrets.
    const lines = issues.map((i) => `  - ${i.path?.map(String).join('.') ?? '?'}: ${i.message}`)
    throw new Error(`Ungültige Konfiguration (invalid environment variables):\n${lines.join('\n')}`)
  },
})

export type Env = typeof env
