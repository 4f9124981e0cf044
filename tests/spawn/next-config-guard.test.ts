import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsx = join(root, 'node_modules', '.bin', 'tsx')

// Loads next.config.ts in a fresh process and evaluates it for a Next.js phase, as `next build` /
// `next start` do (the config may be an object or a function of the phase).
const script = `(async () => {
  const m = await import('./next.config.ts')
  const phase = process.env.TEST_NEXT_PHASE
  const config = typeof m.default === 'function' ? await m.default(phase, { defaultConfig: {} }) : m.default
  if (!config || typeof config !== 'object') process.exit(3)
})().catch((error) => {
  console.error(error)
  process.exit(1)
})`

type Phase = 'phase-production-build' | 'phase-production-server'

function loadNextConfig(
  phase: Phase,
  vars: Record<string, string>,
): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of [
    'VERCEL',
    'VERCEL_ENV',
    'NEXT_PHASE',
    'MI_ALMA_LOCAL_AUTH',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'CLERK_SECRET_KEY',
    'DATABASE_URL',
    'DATA_ENCRYPTION_KEY',
    'DATA_ENCRYPTION_KEY_ID',
  ]) {
    delete env[name]
  }
  Object.assign(env, { NODE_ENV: 'production', TEST_NEXT_PHASE: phase }, vars)
  return new Promise((resolve) => {
    execFile(tsx, ['--eval', script], { cwd: root, env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, output: `${stdout}\n${stderr}` })
    })
  })
}

const clerk = { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_abc', CLERK_SECRET_KEY: 'sk_test_abc' }
const hostedBasics = () => ({
  DATABASE_URL: 'postgres://app@db.example.com/mialma',
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  STRIPE_SECRET_KEY: 'sk_live_example',
  STRIPE_WEBHOOK_SECRET: 'whsec_example',
})

describe('R1.2 R14.3 next.config.ts refuses a hosted deployment without Clerk', { timeout: 30_000 }, () => {
  it.each<Phase>(['phase-production-build', 'phase-production-server'])(
    'R1.2 VERCEL_ENV=production without Clerk keys (%s): non-zero exit, German message naming Clerk',
    async (phase) => {
      const result = await loadNextConfig(phase, {
        VERCEL_ENV: 'production',
        MI_ALMA_LOCAL_AUTH: '1',
        ...hostedBasics(),
      })
      expect(result.code).not.toBe(0)
      expect(result.output).toContain('ConfigurationError')
      expect(result.output).toContain('Clerk ist nicht konfiguriert')
      expect(result.output).toContain(
        'Die lokale Anmeldung ist auf Produktions- und Preview-Deployments gesperrt',
      )
    },
  )

  it('R1.2 R14.3 with Clerk keys, DATABASE_URL and DATA_ENCRYPTION_KEY the config loads (exit 0)', async () => {
    const result = await loadNextConfig('phase-production-build', {
      VERCEL_ENV: 'production',
      VERCEL: '1',
      ...clerk,
      ...hostedBasics(),
    })
    expect(result.output).not.toContain('ConfigurationError')
    expect(result.code).toBe(0)
  })

  it('R1.2 self-hosted NODE_ENV=production without keys: `next build` passes, `next start` refuses', async () => {
    const build = await loadNextConfig('phase-production-build', {})
    expect(build.output).not.toContain('ConfigurationError')
    expect(build.code).toBe(0)
    const start = await loadNextConfig('phase-production-server', {})
    expect(start.code).not.toBe(0)
    expect(start.output).toContain('MI_ALMA_LOCAL_AUTH=1')
    const demo = await loadNextConfig('phase-production-server', { MI_ALMA_LOCAL_AUTH: '1' })
    expect(demo.code).toBe(0)
  })

  it('R14.3 with Clerk keys but no database or master key: non-zero exit naming both', async () => {
    const result = await loadNextConfig('phase-production-build', { VERCEL_ENV: 'preview', ...clerk })
    expect(result.code).not.toBe(0)
    expect(result.output).toContain('DATABASE_URL')
    expect(result.output).toContain('DATA_ENCRYPTION_KEY')
  })
})
