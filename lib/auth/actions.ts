'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import { truncateIp } from '@/lib/audit/ip'
import { getRequestMeta } from '@/lib/http/request-meta'
import { checkRateLimit, consumeRateLimit } from '@/lib/http/rate-limit'
import { LOCALE_COOKIE } from '@/lib/i18n/locale'
import { log } from '@/lib/log'
import { homeFor } from './index'
import { clearSessionCookie, localSessionId, setSessionCookie } from './local'
import { signInSchema, signInWithPassword, signOutSession } from './local-sessions'
import { isLocalAuth } from './mode'

export type SignInState = {
  email: string
  error?: 'invalidCredentials' | 'rateLimited' | 'error'
  /** With 'rateLimited': whole minutes until the next attempt is allowed. */
  retryAfterMinutes?: number
  fieldErrors?: { email?: string; password?: string }
}

/** Only same-site paths, so `next` cannot send anyone to another site after signing in. */
function safeNext(value: FormDataEntryValue | null): string | null {
  return typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\')
    ? value
    : null
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  if (!isLocalAuth) return { email: '', error: 'error' }
  const parsed = signInSchema.safeParse({ email: form.get('email'), password: form.get('password') })
  const email = typeof form.get('email') === 'string' ? String(form.get('email')) : ''
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors
    return { email, fieldErrors: { email: f.email?.[0], password: f.password?.[0] } }
  }
  let destination: string
  try {
    const db = getDb()
    const meta = await getRequestMeta()
    // R14: failed attempts are counted per e-mail and (truncated) address, and per address across e-mails.
    const ip = truncateIp(meta.ip) ?? 'unknown'
    const subjects = [
      ['signIn', `${parsed.data.email}|${ip}`],
      ['signInIp', ip],
    ] as const
    for (const [purpose, subject] of subjects) {
      const allowed = await checkRateLimit(db, purpose, subject)
      if (!allowed.ok) {
        log.info('auth.sign_in_rejected', { reason: 'rate-limited' })
        return {
          email,
          error: 'rateLimited',
          retryAfterMinutes: Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60)),
        }
      }
    }
    const result = await signInWithPassword(db, parsed.data, meta)
    if (!result.ok) {
      for (const [purpose, subject] of subjects) await consumeRateLimit(db, purpose, subject)
      log.info('auth.sign_in_rejected', { reason: result.reason })
      return { email, error: 'invalidCredentials' }
    }
    await setSessionCookie(result.sessionId, result.expiresAt)
    ;(await cookies()).set(LOCALE_COOKIE, result.actor.locale, {
      path: '/',
      sameSite: 'lax',
      maxAge: 31_536_000,
    })
    destination = safeNext(form.get('next')) ?? homeFor(result.actor.role)
  } catch (error) {
    // Technical facts only: the error's class and database code, never the input.
    const cause = (error as { cause?: { code?: unknown } } | null)?.cause
    log.error('auth.sign_in_failed', {
      reason: 'exception',
      error: error instanceof Error ? error.name : 'unknown',
      code: typeof cause?.code === 'string' ? cause.code : null,
    })
    return { email, error: 'error' }
  }
  redirect(destination)
}

export async function signOutAction(): Promise<void> {
  if (isLocalAuth) {
    const id = await localSessionId()
    if (id) await signOutSession(getDb(), id, await getRequestMeta())
    await clearSessionCookie()
  }
  redirect('/sign-in?abgemeldet=1')
}

export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = form.get('locale') === 'en' ? 'en' : 'de'
  ;(await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 31_536_000 })
  const back = safeNext(form.get('back'))
  redirect(back ?? '/')
}
