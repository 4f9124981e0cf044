import { getTranslations } from 'next-intl/server'
import { Badge } from '@/components/ui/badge'
import type { EntryKind } from '@/lib/journal/schemas'

/** Kind, sharing state, mood and tags of an entry, as small badges. */
export async function EntryMeta({
  kind,
  shared,
  mood,
  tags = [],
}: {
  kind: EntryKind
  shared?: boolean
  mood: number | null
  tags?: string[]
}) {
  const t = await getTranslations('journal')
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge className="bg-slate-100 text-slate-800">{t(`kinds.${kind}`)}</Badge>
      {shared !== undefined && (
        <Badge className={shared ? 'bg-amber-100 text-amber-900' : 'bg-brand-100 text-brand-800'}>
          {shared ? t('shared') : t('private')}
        </Badge>
      )}
      {mood !== null && <Badge className="bg-sky-100 text-sky-900">{t('moodLabel', { mood })}</Badge>}
      {tags.map((tag) => (
        <Badge key={tag} className="bg-white text-slate-700 ring-1 ring-slate-300">
          #{tag}
        </Badge>
      ))}
    </div>
  )
}
