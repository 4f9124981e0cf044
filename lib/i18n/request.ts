import { cookies } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { getActor } from '@/lib/auth'
import { intlLocale, LOCALE_COOKIE, parseLocale } from './locale'

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

// Language from the cookie (set at sign-in, by the profile and by the language switch); without a cookie
// the signed-in person's profile language (e.g. after a Clerk sign-in), else German. No URL prefix.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  const locale = fromCookie ? parseLocale(fromCookie) : ((await getActor())?.locale ?? 'de')
  return { locale: intlLocale(locale), messages: await catalogue(locale), timeZone: 'Europe/Zurich' }
})

type Catalogue = Record<string, unknown>
const catalogues = new Map<string, Promise<Catalogue>>()

/** Merged once per language and process, not per request; the same object every time (picked sets key on it). */
function catalogue(locale: string): Promise<Catalogue> {
  let merged = catalogues.get(locale)
  if (!merged) {
    merged = Promise.all(areas.map((area) => import(`./messages/${locale}${area}.json`))).then(
      (parts: { default: Catalogue }[]) => Object.assign({}, ...parts.map((p) => p.default)) as Catalogue,
    )
    catalogues.set(locale, merged)
    merged.catch(() => catalogues.delete(locale))
  }
  return merged
}
