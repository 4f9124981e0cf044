import { cookies, headers } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { getActor } from '@/lib/auth'
import { intlLocale, LOCALE_COOKIE, negotiateLocale, parseLocale } from './locale'

// One file per area and language (messages/<locale>.<area>.json), merged; areas use distinct top-level keys.
const areas = [
  '',
  '.journal',
  '.privacy',
  '.bookings',
  '.payments',
  '.video',
  '.sessions',
  '.questionnaires',
  '.ai',
  '.data',
  '.retention',
  '.errors',
] as const

// Language from the cookie (set by the language switch, at sign-in and by the profile); without a cookie the
// signed-in person's profile language (e.g. after a Clerk sign-in); before sign-in the browser's
// Accept-Language (de-CH unless it prefers English). No URL prefix, and no cookie is set by merely visiting.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  const locale = fromCookie
    ? parseLocale(fromCookie)
    : ((await getActor())?.locale ?? negotiateLocale((await headers()).get('accept-language')))
  const parts = await Promise.all(areas.map((area) => import(`./messages/${locale}${area}.json`)))
  const messages = Object.assign({}, ...parts.map((p: { default: Record<string, unknown> }) => p.default))
  return { locale: intlLocale(locale), messages, timeZone: 'Europe/Zurich' }
})
