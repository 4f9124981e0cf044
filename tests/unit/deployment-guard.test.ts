import { describe, expect, it } from 'vitest'
import {
  assertDeployable,
  ConfigurationError,
  type DeploymentVars,
  isHostedDeployment,
  resolveAuthMode,
} from '@/lib/config/deployment'

const clerk = { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_abc', CLERK_SECRET_KEY: 'sk_test_abc' }
const hostedBasics = {
  DATABASE_URL: 'postgres://app@db.example.com/mialma',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  STRIPE_SECRET_KEY: 'sk_live_abc',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc',
}

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (e) {
    return e as Error
  }
  throw new Error('expected the call to throw')
}

describe('R1.2 production guard: resolveAuthMode', () => {
  it.each<[string, DeploymentVars]>([
    ['VERCEL_ENV=production without Clerk keys', { VERCEL_ENV: 'production', NODE_ENV: 'production' }],
    ['VERCEL_ENV=preview without Clerk keys', { VERCEL_ENV: 'preview', NODE_ENV: 'production' }],
    ['VERCEL=1 (any Vercel build) without Clerk keys', { VERCEL: '1', NODE_ENV: 'development' }],
    [
      'VERCEL_ENV=production with MI_ALMA_LOCAL_AUTH=1',
      { VERCEL_ENV: 'production', MI_ALMA_LOCAL_AUTH: '1' },
    ],
    ['VERCEL=1 with MI_ALMA_LOCAL_AUTH=1', { VERCEL: '1', MI_ALMA_LOCAL_AUTH: '1', NODE_ENV: 'production' }],
    [
      'production with only the publishable key',
      { VERCEL_ENV: 'production', NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk' },
    ],
    ['production with only the secret key', { VERCEL_ENV: 'production', CLERK_SECRET_KEY: 'sk' }],
  ])('R1.2 refuses the local sign-in on a hosted deployment: %s', (_label, vars) => {
    const error = thrown(() => resolveAuthMode(vars))
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('Clerk ist nicht konfiguriert')
    expect(error.message).toContain('CLERK_SECRET_KEY')
    expect(error.message).not.toContain('ß')
  })

  it('R1.2 Clerk keys win: MI_ALMA_LOCAL_AUTH=1 cannot downgrade to the local sign-in', () => {
    expect(resolveAuthMode({ ...clerk, MI_ALMA_LOCAL_AUTH: '1', NODE_ENV: 'development' })).toBe('clerk')
    expect(resolveAuthMode({ ...clerk, MI_ALMA_LOCAL_AUTH: '1', VERCEL_ENV: 'production' })).toBe('clerk')
  })

  it.each<[string, DeploymentVars]>([
    ['plain development', { NODE_ENV: 'development' }],
    ['vitest', { NODE_ENV: 'test' }],
    ['CI runner (CI=true, no VERCEL*)', { NODE_ENV: 'test', MI_ALMA_LOCAL_AUTH: undefined }],
    ['nothing set at all', {}],
    [
      'vercel dev locally (VERCEL_ENV=development, no VERCEL)',
      { VERCEL_ENV: 'development', NODE_ENV: 'development' },
    ],
  ])('R1.2 a development/CI environment without keys runs locally: %s', (_label, vars) => {
    expect(resolveAuthMode(vars)).toBe('local')
  })

  it('R1.2 NODE_ENV=production (self-hosted) without MI_ALMA_LOCAL_AUTH=1 throws', () => {
    const error = thrown(() => resolveAuthMode({ NODE_ENV: 'production' }))
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('MI_ALMA_LOCAL_AUTH=1')
  })

  it('R1.2 NODE_ENV=production with the explicit opt-in MI_ALMA_LOCAL_AUTH=1 runs locally (demo, e2e)', () => {
    expect(resolveAuthMode({ NODE_ENV: 'production', MI_ALMA_LOCAL_AUTH: '1' })).toBe('local')
  })

  it('R1.2 the production build phase of a self-hosted build may run without keys; the start may not', () => {
    expect(resolveAuthMode({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBe('local')
    expect(() => resolveAuthMode({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-server' })).toThrow(
      ConfigurationError,
    )
  })

  it.each(['production', 'preview'])(
    'R1.2 the build phase does not relax the hosted rule (VERCEL_ENV=%s)',
    (vercelEnv) => {
      expect(() =>
        resolveAuthMode({
          VERCEL_ENV: vercelEnv,
          NODE_ENV: 'production',
          NEXT_PHASE: 'phase-production-build',
        }),
      ).toThrow(/Clerk ist nicht konfiguriert/)
      expect(() => resolveAuthMode({ VERCEL: '1', NEXT_PHASE: 'phase-production-build' })).toThrow(
        ConfigurationError,
      )
    },
  )

  it('R1.2 MI_ALMA_LOCAL_AUTH=0 forbids the local sign-in even in development', () => {
    expect(() => resolveAuthMode({ NODE_ENV: 'development', MI_ALMA_LOCAL_AUTH: '0' })).toThrow(
      ConfigurationError,
    )
    expect(resolveAuthMode({ ...clerk, MI_ALMA_LOCAL_AUTH: '0' })).toBe('clerk')
  })

  it('R1.2 isHostedDeployment recognises Vercel production, preview and VERCEL=1 only', () => {
    expect(isHostedDeployment({ VERCEL_ENV: 'production' })).toBe(true)
    expect(isHostedDeployment({ VERCEL_ENV: 'preview' })).toBe(true)
    expect(isHostedDeployment({ VERCEL: '1' })).toBe(true)
    expect(isHostedDeployment({ VERCEL_ENV: 'development' })).toBe(false)
    expect(isHostedDeployment({ NODE_ENV: 'production' })).toBe(false)
  })
})

describe('R1.2 R14.3 production guard: assertDeployable', () => {
  it('R1.2 a hosted deployment with Clerk, DATABASE_URL and DATA_ENCRYPTION_KEY is deployable as clerk', () => {
    expect(assertDeployable({ VERCEL_ENV: 'production', VERCEL: '1', ...clerk, ...hostedBasics })).toBe(
      'clerk',
    )
    expect(assertDeployable({ VERCEL_ENV: 'preview', ...clerk, ...hostedBasics })).toBe('clerk')
  })

  it('R1.2 a hosted deployment without Clerk throws before anything else is checked', () => {
    expect(() => assertDeployable({ VERCEL_ENV: 'production', ...hostedBasics })).toThrow(
      /Clerk ist nicht konfiguriert/,
    )
  })

  it('R14.3 a hosted deployment with Clerk but without DATABASE_URL throws naming it', () => {
    const error = thrown(() =>
      assertDeployable({
        VERCEL_ENV: 'production',
        ...clerk,
        DATA_ENCRYPTION_KEY: hostedBasics.DATA_ENCRYPTION_KEY,
      }),
    )
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('DATABASE_URL')
    expect(error.message).not.toContain('DATA_ENCRYPTION_KEY')
  })

  it('R14.3 a hosted deployment with Clerk but without DATA_ENCRYPTION_KEY throws naming it', () => {
    const error = thrown(() =>
      assertDeployable({ VERCEL: '1', ...clerk, DATABASE_URL: hostedBasics.DATABASE_URL }),
    )
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('DATA_ENCRYPTION_KEY')
    expect(error.message).not.toContain('DATABASE_URL')
  })

  it('R14.3 missing both names both in one message', () => {
    const error = thrown(() => assertDeployable({ VERCEL_ENV: 'preview', ...clerk }))
    expect(error.message).toMatch(/DATABASE_URL.*DATA_ENCRYPTION_KEY/)
  })

  it('R1.2 locally (not hosted) neither DATABASE_URL nor DATA_ENCRYPTION_KEY is required', () => {
    expect(assertDeployable({ NODE_ENV: 'development' })).toBe('local')
    expect(
      assertDeployable({
        NODE_ENV: 'production',
        ...clerk,
        STRIPE_SECRET_KEY: 'sk_live_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      }),
    ).toBe('clerk')
  })
})

describe('R4.1 production guard: no test checkout for real clients', () => {
  const noStripe = {
    DATABASE_URL: hostedBasics.DATABASE_URL,
    DATA_ENCRYPTION_KEY: hostedBasics.DATA_ENCRYPTION_KEY,
  }

  it('R4.1 a hosted deployment without Stripe keys throws naming both', () => {
    const error = thrown(() => assertDeployable({ VERCEL_ENV: 'production', ...clerk, ...noStripe }))
    expect(error).toBeInstanceOf(ConfigurationError)
    expect(error.message).toContain('STRIPE_SECRET_KEY')
    expect(error.message).toContain('STRIPE_WEBHOOK_SECRET')
  })

  it('R4.1 a self-hosted production start with Clerk but without the webhook secret throws', () => {
    const error = thrown(() =>
      assertDeployable({ NODE_ENV: 'production', ...clerk, STRIPE_SECRET_KEY: 'sk_live_abc' }),
    )
    expect(error.message).toContain('STRIPE_WEBHOOK_SECRET')
    expect(error.message).not.toContain('STRIPE_SECRET_KEY (')
  })

  it('R4.1 the build itself and the local demo (local sign-in) do not need Stripe', () => {
    expect(assertDeployable({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build', ...clerk })).toBe(
      'clerk',
    )
    expect(assertDeployable({ NODE_ENV: 'production', MI_ALMA_LOCAL_AUTH: '1' })).toBe('local')
    expect(assertDeployable({ NODE_ENV: 'development', ...clerk })).toBe('clerk')
  })
})
