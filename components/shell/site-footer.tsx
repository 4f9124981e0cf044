import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { practice } from '@/lib/config/practice'
import { LanguageSwitch } from './language-switch'

const linkClass = 'inline-flex min-h-10 items-center text-brand-700 underline underline-offset-2'

/**
 * On every page: the privacy page with its retention table and consent texts one click away (anchors), the
 * practice's Impressum and contact (from configuration), and the language switch (a form, works without JS),
 * which comes back to the page it was on. Reads no request data, so the prerendered pages have it too.
 */
export async function SiteFooter() {
  const t = await getTranslations('footer')
  const p = practice()
  return (
    <footer className="mt-auto border-t border-slate-200 bg-white" data-testid="site-footer">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-4 text-sm sm:flex-row sm:flex-wrap sm:items-center sm:justify-between">
        <nav aria-label={t('label')}>
          <ul className="flex flex-wrap gap-x-4">
            <li>
              <Link href="/datenschutz" className={linkClass}>
                {t('privacy')}
              </Link>
            </li>
            <li>
              <Link href="/datenschutz#speicherdauer" className={linkClass}>
                {t('retention')}
              </Link>
            </li>
            <li>
              <Link href="/datenschutz#einwilligungen" className={linkClass}>
                {t('consents')}
              </Link>
            </li>
            <li>
              <Link href="/impressum" className={linkClass}>
                {t('imprint')}
              </Link>
            </li>
          </ul>
        </nav>
        <p className="text-muted">
          {p.name} ·{' '}
          <a href={`mailto:${p.email}`} className="underline underline-offset-2">
            {p.email}
          </a>
        </p>
        <LanguageSwitch />
      </div>
    </footer>
  )
}
