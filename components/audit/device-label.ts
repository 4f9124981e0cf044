import { describeUserAgent } from '@/lib/audit/device'

type Translate = (key: 'deviceOn' | 'unknownDevice' | 'none', values?: Record<string, string>) => string

/** "Firefox auf macOS", "Chrome", "Unbekannt", or "—" without a user agent — worded with `activity` messages. */
export function deviceLabel(t: Translate, userAgent: string | null): string {
  if (!userAgent) return t('none')
  const { browser, os } = describeUserAgent(userAgent)
  if (browser && os) return t('deviceOn', { browser, os })
  return browser ?? os ?? t('unknownDevice')
}
