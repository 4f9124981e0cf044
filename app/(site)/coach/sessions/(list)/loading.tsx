import { getTranslations } from 'next-intl/server'

/**
 * The list's loading state. In a route group so that it does not wrap /coach/sessions/[id]: a loading boundary
 * streams a 200 before the page runs, and a foreign or unknown session must answer a real 404 (issue 16.6).
 */
export default async function SessionsLoading() {
  const t = await getTranslations('sessions')
  return (
    <p role="status" className="text-muted">
      {t('loading')}
    </p>
  )
}
