/**
 * Runs once when the server starts: a deployment that is missing Clerk, its database or its master key
 * refuses to start (the same check fails `next build`, see next.config.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { assertDeployable } = await import('./lib/config/deployment')
  const { env } = await import('./lib/env')
  assertDeployable(env)
}
