import 'server-only'
import { cookies, headers } from 'next/headers'
import { getDb } from '@/db/client'
import { localSecret } from '@/lib/config/local-secrets'
import { env } from '@/lib/env'
import { isLocalAuth } from './mode'
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './session-cookies'
import { actorForSession } from './local-sessions'
import { signSessionId, verifySessionToken } from './session-token'
import type { Actor } from './types'

/**
 * Whether this request came over https (Next sets x-forwarded-proto from the socket; a proxy from its own), or the
 * app is configured for https, or it is a production server with real sign-ins.
 */
export function sessionCookieSecure(h: Headers, vars: { appUrl: string; production: boolean }): boolean {
  return (
    h.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ||
    vars.appUrl.startsWith('https://') ||
    vars.production
  )
}

async function cookieName(): Promise<string> {
  const secure = sessionCookieSecure(await headers(), {
    appUrl: env.APP_URL,
    // The local sign-in of a production build exists for demos and e2e on http://127.0.0.1 only.
    production: env.NODE_ENV === 'production' && !isLocalAuth,
  })
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

function secret(): Buffer {
  return env.LOCAL_AUTH_SECRET ? Buffer.from(env.LOCAL_AUTH_SECRET, 'utf8') : localSecret('local-auth.key')
}

export async function localSessionId(): Promise<string | null> {
  const store = await cookies()
  return verifySessionToken(secret(), store.get(await cookieName())?.value)
}

/** Whether a session cookie is present but forged, altered or expired (the sign-in page explains it). */
export async function hasInvalidSessionCookie(): Promise<boolean> {
  const store = await cookies()
  const raw = store.get(await cookieName())?.value
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
  const name = await cookieName()
  store.set(name, signSessionId(secret(), sessionId), {
    httpOnly: true,
    sameSite: 'lax',
    secure: name === SECURE_SESSION_COOKIE,
    path: '/',
    expires: expiresAt,
  })
}

export async function clearSessionCookie(): Promise<void> {
  const store = await cookies()
  const name = await cookieName()
  // Expired with the same attributes: a browser drops a `__Host-` Set-Cookie that lacks Secure.
  store.set(name, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: name === SECURE_SESSION_COOKIE,
    path: '/',
    expires: new Date(0),
  })
}
