import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { ClientMessages } from '@/components/i18n/client-messages'
import { EntryForm } from '@/components/journal/entry-form'
import { Card, PageTitle } from '@/components/ui/card'
import { loadOwnEntry } from '../load-entry'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('journal'))('form.editTitle') }
}

export default async function EditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const entry = await loadOwnEntry(id)
  const t = await getTranslations('journal')
  return (
    <div className="space-y-6">
      <PageTitle>{t('form.editTitle')}</PageTitle>
      <ClientMessages area="journalClient">
        <Card className="max-w-3xl">
          <EntryForm
            entryId={entry.id}
            initial={{
              kind: entry.kind,
              title: entry.title ?? '',
              body: entry.body,
              mood: entry.mood === null ? '' : String(entry.mood),
              tags: entry.tags.join(', '),
              promptId: entry.promptId ?? '',
            }}
            prompt={entry.promptText ? { text: entry.promptText } : null}
            cancelHref={`/journal/${entry.id}`}
          />
        </Card>
      </ClientMessages>
    </div>
  )
}
