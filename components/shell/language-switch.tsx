import { getLocale, getTranslations } from 'next-intl/server'
import { setLocaleAction } from '@/lib/auth/actions'

export async function LanguageSwitch({ back }: { back: string }) {
  const t = await getTranslations('common')
  const current = (await getLocale()).startsWith('en') ? 'en' : 'de'
  const other = current === 'de' ? 'en' : 'de'
  return (
    <form action={setLocaleAction} className="mt-10 text-sm">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="back" value={back} />
      <span className="text-muted">{t('language')}: </span>
      <button type="submit" className="text-brand-700 underline" lang={other === 'de' ? 'de-CH' : 'en'}>
        {other === 'de' ? t('languageDe') : t('languageEn')}
      </button>
    </form>
  )
}
