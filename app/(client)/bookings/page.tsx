import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { EmptyPage } from '@/components/shell/empty-page'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('empty'))('bookingsTitle') }
}

export default function Page() {
  return <EmptyPage titleKey="bookingsTitle" bodyKey="bookingsBody" />
}
