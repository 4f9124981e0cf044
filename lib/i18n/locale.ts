export const LOCALE_COOKIE = 'NEXT_LOCALE'
export type AppLocale = 'de' | 'en'

export function parseLocale(value: string | undefined | null): AppLocale {
  return value === 'en' ? 'en' : 'de'
}

/** de-CH: Swiss conventions for dates and numbers (and Swiss spelling in the messages). */
export function intlLocale(locale: AppLocale): string {
  return locale === 'en' ? 'en-GB' : 'de-CH'
}

/**
 * The browser's preferred language among ours, from an `Accept-Language` header (RFC 9110: tags with optional
 * q-values, `*` for any). Used only before anyone chose (no cookie, no profile): German unless English ranks
 * higher than German; a header without either, a malformed one or none at all → German (de-CH is the default).
 */
export function negotiateLocale(header: string | null | undefined): AppLocale {
  if (!header) return 'de'
  let best: { locale: AppLocale; q: number } | null = null
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';')
    const primary = tag.trim().toLowerCase().split('-')[0]
    if (primary !== 'de' && primary !== 'en') continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue
    // Highest q wins; among equal q the earlier tag (browsers list them in order of preference).
    if (!best || q > best.q) best = { locale: primary, q }
  }
  return best?.locale ?? 'de'
}
