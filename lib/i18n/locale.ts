export const LOCALE_COOKIE = 'NEXT_LOCALE'
export type AppLocale = 'de' | 'en'

export function parseLocale(value: string | undefined | null): AppLocale {
  return value === 'en' ? 'en' : 'de'
}

/** de-CH: Swiss conventions for dates and numbers (and Swiss spelling in the messages). */
export function intlLocale(locale: AppLocale): string {
  return locale === 'en' ? 'en-GB' : 'de-CH'
}
