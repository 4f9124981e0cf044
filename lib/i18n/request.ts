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
// The prerendered public pages (app/(prerendered)) name their language instead (setRequestLocale), so they read
// no cookie and stay static; the proxy picked that language by the same rules.
export default getRequestConfig(async ({ requestLocale }) => {
  const named = await requestLocale
  const fromCookie = named ? undefined : (await cookies()).get(LOCALE_COOKIE)?.value
  const locale = named
    ? parseLocale(named)
    : fromCookie
      ? parseLocale(fromCookie)
      : ((await getActor())?.locale ?? negotiateLocale((await headers()).get('accept-language')))
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
