import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

/** Always visible in the local mode, so nobody mistakes a demo for the real thing. */
export async function LocalAuthBanner() {
  const t = await getTranslations('common')
  return (
    <div className="flex flex-wrap items-center justify-center gap-x-3 bg-red-800 px-4 py-1.5 text-center text-sm text-white">
      <strong data-testid="local-auth-marker">{t('localAuthMarker')}</strong>
      <span>{t('localAuthExplain')}</span>
      <Link href="/dev/outbox" className="underline">
        {t('outbox')}
      </Link>
    </div>
  )
}
