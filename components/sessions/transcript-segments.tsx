import { getTranslations } from 'next-intl/server'
import { formatTimestamp, type HighlightedSegment } from '@/lib/sessions/transcript-search'

/** A transcript as a list of speaker turns with their time from the session start; search hits marked. */
export async function TranscriptSegments({ segments }: { segments: HighlightedSegment[] }) {
  const t = await getTranslations('sessions.detail')
  return (
    <ol className="space-y-4" aria-label={t('segments')}>
      {segments.map((s) => (
        <li key={s.index} className="rounded-md border border-slate-200 p-4" data-testid="transcript-segment">
          <p className="flex flex-wrap items-baseline gap-x-3 text-sm">
            <span className="font-semibold">{s.speaker}</span>
            {s.start !== null && <span className="text-muted tabular-nums">{formatTimestamp(s.start)}</span>}
          </p>
          <p className="mt-1 whitespace-pre-wrap leading-relaxed">
            {s.parts.map((part, i) =>
              part.match ? (
                <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900">
                  {part.text}
                </mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </p>
        </li>
      ))}
    </ol>
  )
}
