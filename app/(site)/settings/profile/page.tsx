import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ProfileForm } from '@/components/account/profile-form'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { getProfile } from '@/lib/account/service'
import { requireActor } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('title') }
}

export default async function ProfilePage() {
  const actor = await requireActor()
  const profile = await getProfile(getDb(), actor)
  const t = await getTranslations('profile')
  const timeZones = Intl.supportedValuesOf('timeZone')
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      <p className="max-w-prose text-muted">{t('intro')}</p>
      <Card className="max-w-xl">
        <ProfileForm
          profile={{ ...profile, phone: profile.phone ?? '' }}
          timeZones={timeZones.includes('Europe/Zurich') ? timeZones : ['Europe/Zurich', ...timeZones]}
        />
      </Card>
    </div>
  )
}
