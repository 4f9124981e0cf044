import { createEnv } from '@t3-oss/env-nextjs'
import { z } from 'zod'
// Relative, not '@/': next.config.ts loads this file through its own transpiler, which knows no path aliases.
import { recipientCountryCodes } from './integrations/ai/recipient'

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

    /**
     * The AI provider (R7). `mistral` (the default when a MISTRAL_* value is set): Mistral's API through its SDK.
     * `openai-compatible`: any server speaking OpenAI chat completions (Ollama, vLLM, llama.cpp, LM Studio) at
     * AI_BASE_URL. Cross-field rules: `aiConfigProblems` below.
     */
    AI_PROVIDER: z.enum(['mistral', 'openai-compatible']).optional(),
    /** Base URL of the OpenAI-compatible API, with its /v1 (e.g. http://127.0.0.1:11434/v1 for Ollama). */
    AI_BASE_URL: z.url().optional(),
    /** Optional: local servers usually need none. */
    AI_API_KEY: optional,
    AI_MODEL: optional,
    /** Per attempt, for the OpenAI-compatible server: a 7–8B model on a CPU needs minutes for a long transcript. */
    AI_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(900).default(25),
    /**
     * Characters per call for the OpenAI-compatible server (unset: 180 000, sized for Mistral). A longer transcript
     * is split by speaker turns; it must fit the model's context window (about 3 characters per token in German).
     */
    AI_MAX_CHARS_PER_CALL: z.coerce.number().int().min(2_000).max(1_000_000).optional(),
    /** Who receives the text, as the consent text C3 names it: required for a server that is not Mistral's. */
    AI_RECIPIENT_NAME: z.string().trim().min(2).max(120).optional(),
    AI_RECIPIENT_COUNTRY: z.enum(recipientCountryCodes).optional(),
    /** `own`: the practice's own infrastructure; `external`: another company runs the server. */
    AI_RECIPIENT_HOSTING: z.enum(['own', 'external']).optional(),

    /** Mistral (R7): the key switches AI summaries on; EU server unless MISTRAL_SERVER_URL points elsewhere. */
    MISTRAL_API_KEY: optional,
    /** Another address for Mistral's API (a gateway in front of it, or the test fake); with it a key is optional. */
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

type AiEnv = Pick<
  typeof env,
  | 'AI_PROVIDER'
  | 'AI_BASE_URL'
  | 'AI_MODEL'
  | 'AI_RECIPIENT_NAME'
  | 'AI_RECIPIENT_COUNTRY'
  | 'AI_RECIPIENT_HOSTING'
  | 'MISTRAL_API_KEY'
  | 'MISTRAL_SERVER_URL'
>

/**
 * The AI settings that only make sense together (checked at start like the rest): a consent text must never name
 * a recipient that is not the one receiving the text, so a server other than Mistral's needs its recipient stated.
 */
export function aiConfigProblems(e: AiEnv): string[] {
  const problems: string[] = []
  const recipient = ['AI_RECIPIENT_NAME', 'AI_RECIPIENT_COUNTRY', 'AI_RECIPIENT_HOSTING'] as const
  const missing = (names: readonly (keyof AiEnv)[]) => names.filter((n) => !e[n])
  if (e.AI_PROVIDER === 'openai-compatible') {
    for (const name of missing(['AI_BASE_URL', 'AI_MODEL', ...recipient]))
      problems.push(`${name}: required with AI_PROVIDER=openai-compatible`)
  } else {
    if (e.AI_PROVIDER === 'mistral' && !e.MISTRAL_API_KEY && !e.MISTRAL_SERVER_URL)
      problems.push('MISTRAL_API_KEY: required with AI_PROVIDER=mistral')
    for (const name of ['AI_BASE_URL', 'AI_MODEL'] as const)
      if (e[name]) problems.push(`${name}: only used with AI_PROVIDER=openai-compatible`)
    const given = recipient.filter((n) => e[n])
    if (given.length > 0 && !e.MISTRAL_SERVER_URL)
      problems.push(`${given.join(', ')}: Mistral's own API always goes to Mistral AI SAS (France)`)
    if (given.length > 0 && given.length < recipient.length)
      problems.push(`${missing(recipient).join(', ')}: name the recipient completely, or not at all`)
  }
  return problems
}

const aiProblems = aiConfigProblems(env)
if (aiProblems.length > 0)
  throw new Error(
    `Ungültige Konfiguration (invalid environment variables):\n${aiProblems.map((p) => `  - ${p}`).join('\n')}`,
  )

export type Env = typeof env
