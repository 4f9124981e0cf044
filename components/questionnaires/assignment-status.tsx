import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'

type Item = {
  id: string
  title: string
  dueDate: string | null
  submittedAt: Date | null
  coachViewedAt: Date | null
}

/** For the coach: open (with the due date) or submitted (new until first opened), with the link to the answers. */
export async function AssignmentStatus({ item, clientId }: { item: Item; clientId: string }) {
  const t = await getTranslations('questionnaires.coach')
  const format = await getFormatter()
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: 'medium' })
  if (!item.submittedAt) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge className="bg-slate-100 text-slate-800">{t('statusOpen')}</Badge>
        {item.dueDate && <span className="text-muted">{t('due', { date: day(item.dueDate) })}</span>}
      </div>
    )
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {!item.coachViewedAt && <Badge className="bg-amber-100 text-amber-900">{t('statusNew')}</Badge>}
      <span>
        {t('statusSubmitted', { date: format.dateTime(item.submittedAt, { dateStyle: 'medium' }) })}
      </span>
      <Link
        href={`/coach/clients/${clientId}/questionnaires/${item.id}`}
        className="text-brand-700 underline"
        aria-label={t('viewAnswersOf', { title: item.title })}
      >
        {t('viewAnswers')}
      </Link>
    </div>
  )
}
