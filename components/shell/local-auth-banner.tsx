import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/**
 * Always visible in the local mode, so nobody mistakes a demo for the real thing. One line on a phone: the
 * explanation is shown from the `sm` width on and read by screen readers everywhere.
 */
export async function LocalAuthBanner() {
  const t = await getTranslations('common')
  return (
    <div
      className="flex items-center justify-center gap-x-3 overflow-hidden whitespace-nowrap bg-red-800 px-4 py-1 text-center text-sm text-white"
      data-testid="local-auth-banner"
    >
      <strong data-testid="local-auth-marker">{t('localAuthMarker')}</strong>
      <span className="sr-only md:not-sr-only">{t('localAuthExplain')}</span>
      <Link href="/dev/outbox" className="underline">
        {t('outbox')}
      </Link>
    </div>
  )
}
