import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { QuestionnaireMetaForm } from '@/components/questionnaires/builder-forms'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Card, PageTitle } from '@/components/ui/card'
import { Cell, DataTable, Row } from '@/components/ui/table'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { listQuestionnaires } from '@/lib/questionnaires/service'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('questionnaires.coach'))('title') }
}

export default async function CoachQuestionnairesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>
}) {
  const actor = await requireRole('coach')
  const flags = await searchParams
  const items = await listQuestionnaires(getDb(), actor)
  const t = await getTranslations('questionnaires.coach')
  return (
    <div className="space-y-6">
      <div>
        <PageTitle>{t('title')}</PageTitle>
        <p className="mt-2 max-w-prose text-muted">{t('intro')}</p>
      </div>
      {flags.geloescht && <Alert tone="success">{t('deleted')}</Alert>}
      {items.length === 0 ? (
        <p className="text-muted">{t('empty')}</p>
      ) : (
        <DataTable
          label={t('title')}
          columns={[t('columnTitle'), t('columnQuestions'), t('columnAssigned'), t('columnStatus')]}
        >
          {items.map((q) => (
            <Row key={q.id}>
              <Cell className="font-medium">
                <Link href={`/coach/questionnaires/${q.id}`} className="text-brand-800 underline">
                  {q.title}
                </Link>
              </Cell>
              <Cell>{q.questionCount}</Cell>
              <Cell>{q.assignmentCount}</Cell>
              <Cell>
                <Badge
                  className={q.archivedAt ? 'bg-slate-100 text-slate-800' : 'bg-green-100 text-green-900'}
                >
                  {q.archivedAt ? t('archived') : t('active')}
                </Badge>
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <Card aria-labelledby="new-questionnaire" className="max-w-3xl">
        <h2 id="new-questionnaire" className="mb-4 text-lg font-semibold">
          {t('new')}
        </h2>
        <QuestionnaireMetaForm initial={{ title: '', description: '' }} />
      </Card>
    </div>
  )
}
