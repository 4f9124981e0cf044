import { cookies } from 'next/headers'
import { getRequestConfig } from 'next-intl/server'
import { intlLocale, LOCALE_COOKIE, parseLocale } from './locale'

// Language from the cookie (set at sign-in from the profile, and by the language switch); no URL prefix.
export default getRequestConfig(async () => {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value)
  const messages = (await import(`./messages/${locale}.json`)).default
  return { locale: intlLocale(locale), messages, timeZone: 'Europe/Zurich' }
})
