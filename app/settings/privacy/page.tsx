import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { EmptyPage } from '@/components/shell/empty-page'
import { requireRole } from '@/lib/auth'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('empty'))('privacyTitle') }
}

export default async function Page() {
  await requireRole('client')
  return <EmptyPage titleKey="privacyTitle" bodyKey="privacyBody" />
}
