import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { DeleteException, ExceptionForm, SettingsForm, WeekForm } from '@/components/bookings/offering-forms'
import { ScheduleNav } from '@/components/bookings/schedule-nav'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { getSettings, listExceptions, listWeeklyRules } from '@/lib/bookings/offering'
import { formatTime } from '@/lib/bookings/schemas'
import { localDateInZone } from '@/lib/bookings/slots'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('schedule'))('availability.title') }
}

export default async function AvailabilityPage() {
  const actor = await requireRole('coach')
  const db = getDb()
  const settings = await getSettings(db, actor.userId)
  const [rules, exceptions] = await Promise.all([
    listWeeklyRules(db, actor.userId),
    listExceptions(db, actor.userId, localDateInZone(new Date(), settings.timeZone)),
  ])
  const t = await getTranslations('schedule.availability')
  const format = await getFormatter()

  const week: Record<string, string> = {}
  for (let d = 1; d <= 7; d++) {
    week[`day${d}`] = rules
      .filter((r) => r.weekday === d)
      .map((r) => `${formatTime(r.startMinute)}–${formatTime(r.endMinute)}`)
      .join(', ')
  }
  const describe = (e: (typeof exceptions)[number]) => {
    const day = format.dateTime(new Date(`${e.date}T12:00:00Z`), { dateStyle: 'full', timeZone: 'UTC' })
    const hours =
      e.startMinute === null || e.endMinute === null
        ? t('wholeDay')
        : `${formatTime(e.startMinute)}–${formatTime(e.endMinute)}`
    return `${day}: ${e.kind === 'off' ? t('kindOff') : t('kindExtra')}, ${hours}`
  }

  return (
    <div className="space-y-6">
      <ScheduleNav />
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro', { zone: settings.timeZone })}</p>
      </div>
      <Card aria-labelledby="week-title">
        <h2 id="week-title" className="mb-3 text-lg font-semibold">
          {t('weekTitle')}
        </h2>
        <WeekForm initial={week} />
      </Card>
      <Card aria-labelledby="exceptions-title" className="space-y-4">
        <div>
          <h2 id="exceptions-title" className="text-lg font-semibold">
            {t('exceptionsTitle')}
          </h2>
          <p className="mt-1 text-sm text-muted">{t('exceptionsIntro')}</p>
        </div>
        {exceptions.length === 0 ? (
          <p className="text-muted">{t('exceptionsEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {exceptions.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>{describe(e)}</span>
                <DeleteException id={e.id} label={describe(e)} />
              </li>
            ))}
          </ul>
        )}
        <ExceptionForm />
      </Card>
      <Card aria-labelledby="rules-title">
        <h2 id="rules-title" className="mb-3 text-lg font-semibold">
          {t('rulesTitle')}
        </h2>
        <SettingsForm
          initial={{
            bufferBeforeMinutes: String(settings.bufferBeforeMinutes),
            bufferAfterMinutes: String(settings.bufferAfterMinutes),
            minNoticeHours: String(Math.round(settings.minNoticeMinutes / 60)),
            horizonDays: String(settings.horizonDays),
            slotStepMinutes: String(settings.slotStepMinutes),
            cancelCutoffHours: String(settings.cancelCutoffHours),
          }}
        />
      </Card>
    </div>
  )
}
