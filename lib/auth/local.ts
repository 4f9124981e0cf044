import 'server-only'
import { cookies } from 'next/headers'
import { getDb } from '@/db/client'
import { localSecret } from '@/lib/config/local-secrets'
import { env } from '@/lib/env'
import { actorForSession } from './local-sessions'
import { signSessionId, verifySessionToken } from './session-token'
import type { Actor } from './types'

export const SESSION_COOKIE = 'mialma_session'

function secret(): Buffer {
  return env.LOCAL_AUTH_SECRET ? Buffer.from(env.LOCAL_AUTH_SECRET, 'utf8') : localSecret('local-auth.key')
}

export async function localSessionId(): Promise<string | null> {
  const store = await cookies()
  return verifySessionToken(secret(), store.get(SESSION_COOKIE)?.value)
}

/** Whether a session cookie is present but forged, altered or expired (the sign-in page explains it). */
export async function hasInvalidSessionCookie(): Promise<boolean> {
  const store = await cookies()
  const raw = store.get(SESSION_COOKIE)?.value
  if (!raw) return false
  const id = verifySessionToken(secret(), raw)
  return id === null || (await actorForSession(getDb(), id)) === null
}

export async function getLocalActor(): Promise<Actor | null> {
  const id = await localSessionId()
  return id ? actorForSession(getDb(), id) : null
}

export async function setSessionCookie(sessionId: string, expiresAt: Date): Promise<void> {
  const store = await cookies()
  store.set(SESSION_COOKIE, signSessionId(secret(), sessionId), {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.APP_URL.startsWith('https://'),
    path: '/',
    expires: expiresAt,
  })
}

export async function clearSessionCookie(): Promise<void> {
  const store = await cookies()
  store.delete(SESSION_COOKIE)
}
