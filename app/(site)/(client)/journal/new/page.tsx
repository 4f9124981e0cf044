import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { z } from 'zod'
import { ClientMessages } from '@/components/i18n/client-messages'
import { EntryForm } from '@/components/journal/entry-form'
import { Card, PageTitle } from '@/components/ui/card'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { NotFoundError } from '@/lib/errors'
import { getPromptForClient } from '@/lib/journal/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('journal'))('form.newTitle') }
}

type Props = { searchParams: Promise<{ impuls?: string }> }

export default async function NewEntryPage({ searchParams }: Props) {
  const actor = await requireRole('client')
  const { impuls } = await searchParams
  const t = await getTranslations('journal')
  // A prompt id that is not the client's own is simply ignored (it is "not found" for them).
  let prompt: { id: string; text: string } | null = null
  if (impuls && z.uuid().safeParse(impuls).success) {
    prompt = await getPromptForClient(getDb(), actor, impuls).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null
      throw e
    })
  }
  return (
    <div className="space-y-6">
      <PageTitle>{t('form.newTitle')}</PageTitle>
      <ClientMessages area="journalClient">
        <Card className="max-w-3xl">
          <EntryForm
            initial={{
              kind: prompt ? 'reflection' : 'journal',
              title: '',
              body: '',
              mood: '',
              tags: '',
              promptId: prompt?.id ?? '',
            }}
            prompt={prompt}
            cancelHref="/journal"
          />
        </Card>
      </ClientMessages>
    </div>
  )
}
