import { getLocale, getTranslations } from 'next-intl/server'
import { setLocaleAction } from '@/lib/auth/actions'
import { cn } from '@/lib/cn'

/**
 * A form, so it works without JavaScript: sets the language cookie and comes back to the page it was posted from
 * (lib/auth/current-path.ts), query included.
 */
export async function LanguageSwitch({ className }: { className?: string }) {
  const t = await getTranslations('common')
  const current = (await getLocale()).startsWith('en') ? 'en' : 'de'
  const other = current === 'de' ? 'en' : 'de'
  return (
    <form action={setLocaleAction} className={cn('text-sm', className)}>
      <input type="hidden" name="locale" value={other} />
      <span className="text-muted">{t('language')}: </span>
      <button
        type="submit"
        className="inline-flex min-h-10 items-center text-brand-700 underline"
        lang={other === 'de' ? 'de-CH' : 'en'}
      >
        {other === 'de' ? t('languageDe') : t('languageEn')}
      </button>
    </form>
  )
}
