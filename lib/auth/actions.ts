'use server'

import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { truncateIp } from '@/lib/audit/ip'
import { AppError } from '@/lib/errors'
import { action, formAction } from '@/lib/http/action'
import { appUrl } from '@/lib/http/app-url'
import { currentPath, currentQueryParam } from './current-path'
import { checkRateLimit, consumeRateLimit, RateLimitedError } from '@/lib/http/rate-limit'
import { LOCALE_COOKIE } from '@/lib/i18n/locale'
import { safeRedirectTarget } from '@/lib/http/redirect-target'
import { log } from '@/lib/log'
import { homeFor } from './index'
import { clearSessionCookie, localSessionId, setSessionCookie } from './local'
import { signInSchema, signInWithPassword, signOutSession } from './local-sessions'
import { isLocalAuth } from './mode'

const localeCookie = { path: '/', sameSite: 'lax', maxAge: 31_536_000 } as const

/**
 * The local sign-in (R14: failed attempts are counted per e-mail and truncated address, and per address across
 * e-mails). Wrong credentials and a used-up limit are AppErrors the form words; the password never comes back.
 */
export const signInAction = action(
  {
    name: 'auth.signIn',
    access: 'public',
    schema: signInSchema,
    secret: ['password'],
  },
  async ({ input, db, meta }) => {
    if (!isLocalAuth) throw new AppError('auth.signInUnavailable')
    const ip = truncateIp(meta.ip) ?? 'unknown'
    const subjects = [
      ['signIn', `${input.email}|${ip}`],
      ['signInIp', ip],
    ] as const
    for (const [purpose, subject] of subjects) {
      const allowed = await checkRateLimit(db, purpose, subject)
      if (!allowed.ok) {
        log.info('auth.sign_in_rejected', { reason: 'rate-limited' })
        throw new RateLimitedError(allowed.retryAfterSeconds)
      }
    }
    const result = await signInWithPassword(db, input, meta)
    if (!result.ok) {
      for (const [purpose, subject] of subjects) await consumeRateLimit(db, purpose, subject)
      log.info('auth.sign_in_rejected', { reason: result.reason })
      throw new AppError('auth.invalidCredentials')
    }
    await setSessionCookie(result.sessionId, result.expiresAt)
    // A language chosen on this browser (the switch on the sign-in page) is kept; otherwise the profile's.
    const jar = await cookies()
    if (!jar.get(LOCALE_COOKIE)) jar.set(LOCALE_COOKIE, result.actor.locale, localeCookie)
    // Back to the page that sent the visitor here: `?next=` of the sign-in page the form was posted from.
    const next = await currentQueryParam('next')
    redirect(safeRedirectTarget(next, await appUrl()) ?? homeFor(result.actor.role))
  },
)

export const signOutAction = formAction(
  { name: 'auth.signOut', access: 'public', schema: z.object({}) },
  async ({ db, meta }) => {
    if (isLocalAuth) {
      const id = await localSessionId()
      if (id) await signOutSession(db, id, meta)
      await clearSessionCookie()
    }
    redirect('/sign-in?abgemeldet=1')
  },
)

export const setLocaleAction = formAction(
  {
    name: 'auth.setLocale',
    access: 'public',
    schema: z.object({ locale: z.string().transform((v) => (v === 'en' ? 'en' : 'de')) }),
  },
  async ({ input }) => {
    ;(await cookies()).set(LOCALE_COOKIE, input.locale, localeCookie)
    // Back to the page the switch was on (the form posts to that page's address).
    redirect(safeRedirectTarget(await currentPath(), await appUrl()) ?? '/')
  },
)
