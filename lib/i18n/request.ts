import { cookies } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { getActor } from '@/lib/auth'
import { intlLocale, LOCALE_COOKIE, parseLocale } from './locale'

// Language from the cookie (set at sign-in, by the profile and by the language switch); without a cookie
// the signed-in person's profile language (e.g. after a Clerk sign-in), else German. No URL prefix.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value
  const locale = fromCookie ? parseLocale(fromCookie) : ((await getActor())?.locale ?? 'de')
  const messages = (await import(`./messages/${locale}.json`)).default
  return { locale: intlLocale(locale), messages, timeZone: 'Europe/Zurich' }
})
