import { getTranslations } from 'next-intl/server'
import { NavLinks } from '@/components/shell/nav-links'

/** Sub-navigation of the coach's appointment area. */
export async function ScheduleNav() {
  const t = await getTranslations('schedule')
  return (
    <NavLinks
      label={t('sectionNav')}
      items={[
        { href: '/coach/bookings', label: t('navBookings') },
        { href: '/coach/session-types', label: t('navSessionTypes') },
        { href: '/coach/plans', label: t('navPlans') },
        { href: '/coach/availability', label: t('navAvailability') },
      ]}
    />
  )
}
