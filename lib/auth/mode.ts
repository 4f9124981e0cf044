import 'server-only'
import { type AuthMode, resolveAuthMode } from '@/lib/config/deployment'
import { env } from '@/lib/env'

/** Resolved once per process; throws (the app refuses to start) on a deployment without Clerk. */
export const authMode: AuthMode = resolveAuthMode(env)
export const isLocalAuth = authMode === 'local'
