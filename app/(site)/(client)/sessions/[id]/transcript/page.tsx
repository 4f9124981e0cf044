import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { getBookingFormat } from '@/components/bookings/client/booking-format'
import { TranscriptSegments } from '@/components/sessions/transcript-segments'
import { PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { orNotFound } from '@/lib/http/or-not-found'
import { getClientSessionFacts, readTranscript } from '@/lib/sessions/sessions'
import { searchSegments } from '@/lib/sessions/transcript-search'
import { BackLink } from '@/components/ui/back-link'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sessions'))('client.title') }
}

type Props = { params: Promise<{ id: string }> }

/** The client's own session transcript, only while the coach shares it (else 404). */
export default async function ClientTranscriptPage({ params }: Props) {
  const actor = await requireRole('client')
  const { id } = await params
  if (!z.uuid().safeParse(id).success) notFound()
  const db = getDb()
  const facts = await orNotFound(getClientSessionFacts(db, actor, id))
  const transcript = await orNotFound(readTranscript(db, actor, id))
  const t = await getTranslations('sessions.client')
  const format = await getBookingFormat(actor.timeZone)
  return (
    <div className="space-y-6">
      <BackLink href={`/bookings/${id}`}>{t('back')}</BackLink>
      <PageTitle>{t('title')}</PageTitle>
      <p className="text-muted">
        {t('subtitle', { session: facts.sessionName, when: format.when(facts.startsAt) })}
      </p>
      <p>{t('intro')}</p>
      <TranscriptSegments segments={searchSegments(transcript.segments, '')} />
    </div>
  )
}
