/**
 * Pure checks on configuration, shared by next.config.ts (build), instrumentation.ts (start)
 * and the tests. They take the values as an argument so every combination can be tested.
 */
export type DeploymentVars = {
  NODE_ENV?: string | undefined
  /** Next.js sets this while it builds; the build grants no access, so the start-time rule waits for start. */
  NEXT_PHASE?: string | undefined
  VERCEL?: string | undefined
  VERCEL_ENV?: string | undefined
  MI_ALMA_LOCAL_AUTH?: string | undefined
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?: string | undefined
  CLERK_SECRET_KEY?: string | undefined
  DATABASE_URL?: string | undefined
  DATA_ENCRYPTION_KEY?: string | undefined
  STRIPE_SECRET_KEY?: string | undefined
  STRIPE_WEBHOOK_SECRET?: string | undefined
}

export type AuthMode = 'clerk' | 'local'

export class ConfigurationError extends Error {
  override name = 'ConfigurationError'
}

/** A Vercel production or preview deployment: real people's data may be there. */
export function isHostedDeployment(vars: DeploymentVars): boolean {
  return Boolean(vars.VERCEL) || vars.VERCEL_ENV === 'production' || vars.VERCEL_ENV === 'preview'
}

/**
 * Clerk when both keys are set (no flag can downgrade that). Otherwise the local sign-in, which is
 * refused on any hosted deployment, and on a self-hosted production build unless explicitly opted into
 * with MI_ALMA_LOCAL_AUTH=1 (demos, e2e tests).
 */
export function resolveAuthMode(vars: DeploymentVars): AuthMode {
  if (vars.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && vars.CLERK_SECRET_KEY) return 'clerk'
  if (isHostedDeployment(vars)) {
    throw new ConfigurationError(
      'Clerk ist nicht konfiguriert: NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY und CLERK_SECRET_KEY müssen auf Vercel gesetzt sein. ' +
        'Die lokale Anmeldung ist auf Produktions- und Preview-Deployments gesperrt.',
    )
  }
  const building = vars.NEXT_PHASE === 'phase-production-build'
  if (vars.NODE_ENV === 'production' && !building && vars.MI_ALMA_LOCAL_AUTH !== '1') {
    throw new ConfigurationError(
      'Clerk ist nicht konfiguriert. Für einen lokalen Produktions-Build MI_ALMA_LOCAL_AUTH=1 setzen (nur Demo/Tests).',
    )
  }
  if (vars.MI_ALMA_LOCAL_AUTH === '0') {
    throw new ConfigurationError(
      'MI_ALMA_LOCAL_AUTH=0 verbietet die lokale Anmeldung, aber Clerk ist nicht konfiguriert.',
    )
  }
  return 'local'
}

/** Everything a hosted deployment must have; throws with every missing piece named. */
export function assertDeployable(vars: DeploymentVars): AuthMode {
  const mode = resolveAuthMode(vars)
  if (isHostedDeployment(vars)) {
    const missing: string[] = []
    if (!vars.DATABASE_URL) missing.push('DATABASE_URL (die eingebettete Datenbank läuft nicht auf Vercel)')
    if (!vars.DATA_ENCRYPTION_KEY)
      missing.push('DATA_ENCRYPTION_KEY (Hauptschlüssel, openssl rand -base64 32)')
    missing.push(...missingStripe(vars))
    if (missing.length > 0) {
      throw new ConfigurationError(`Für dieses Deployment fehlen: ${missing.join(', ')}.`)
    }
  } else if (
    mode === 'clerk' &&
    vars.NODE_ENV === 'production' &&
    vars.NEXT_PHASE !== 'phase-production-build'
  ) {
    // Real accounts without Stripe would get the local "Testzahlung": sessions booked without paying.
    const missing = missingStripe(vars)
    if (missing.length > 0) {
      throw new ConfigurationError(`Für einen Produktionsbetrieb mit Clerk fehlen: ${missing.join(', ')}.`)
    }
  }
  return mode
}

/** Without both Stripe keys the app would offer the local test checkout (R4.1): never for real clients. */
function missingStripe(vars: DeploymentVars): string[] {
  const missing: string[] = []
  if (!vars.STRIPE_SECRET_KEY) missing.push('STRIPE_SECRET_KEY (sonst nur Testzahlungen)')
  if (!vars.STRIPE_WEBHOOK_SECRET) missing.push('STRIPE_WEBHOOK_SECRET (Webhook /api/webhooks/stripe)')
  return missing
}
