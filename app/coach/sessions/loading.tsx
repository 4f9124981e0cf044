import { getTranslations } from 'next-intl/server'

export default async function SessionsLoading() {
  const t = await getTranslations('sessions')
  return (
    <p role="status" className="text-muted">
      {t('loading')}
    </p>
  )
}
