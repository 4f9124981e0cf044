import { getTranslations } from 'next-intl/server'
import type { ReactNode } from 'react'

/** The facts of an appointment as a definition list: when, how long, which offer, video or in person, … */
export async function BookingFacts({
  when,
  durationMinutes,
  sessionName,
  mode,
  extra = [],
}: {
  when: ReactNode
  durationMinutes: number
  sessionName: string
  mode: 'video' | 'in_person'
  extra?: { label: string; value: ReactNode }[]
}) {
  const t = await getTranslations('clientBookings')
  const rows = [
    { label: t('facts.when'), value: when },
    { label: t('facts.session'), value: sessionName },
    { label: t('facts.duration'), value: t('minutes', { minutes: durationMinutes }) },
    { label: t('facts.mode'), value: mode === 'video' ? t('modeVideo') : t('modeInPerson') },
    ...extra,
  ]
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <dt className="font-medium text-muted">{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  )
}
