import type { ReactNode } from 'react'
import { getTranslations } from 'next-intl/server'
import type { ReviewView } from '@/lib/ai/review'
import { MaskOtherForm, MaskSuspectForm, SendReviewedForm } from './review-forms'

const PLACEHOLDER = /\[[A-Z]+_\d+\]/g

/** The outgoing text with placeholders marked and suspects underlined, in text order. */
function highlighted(review: ReviewView): ReactNode[] {
  const marks = [
    ...[...review.text.matchAll(PLACEHOLDER)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      kind: 'placeholder' as const,
    })),
    ...review.suspects.map((s) => ({ start: s.start, end: s.end, kind: 'suspect' as const })),
  ].sort((a, b) => a.start - b.start)
  const out: ReactNode[] = []
  let at = 0
  for (const mark of marks) {
    if (mark.start < at) continue
    out.push(review.text.slice(at, mark.start))
    const value = review.text.slice(mark.start, mark.end)
    out.push(
      mark.kind === 'placeholder' ? (
        <mark key={mark.start} className="rounded bg-brand-100 px-0.5 font-medium text-brand-800">
          {value}
        </mark>
      ) : (
        <span
          key={mark.start}
          data-testid="ai-review-suspect-in-text"
          className="underline decoration-amber-600 decoration-2 underline-offset-2"
        >
          {value}
        </span>
      ),
    )
    at = mark.end
  }
  out.push(review.text.slice(at))
  return out
}

/**
 * R7.7 "Vor dem Senden prüfen": exactly the pseudonymised text that would leave, placeholders highlighted; the
 * list "Möglicherweise noch erkennbar" with one "Maskieren" per token; a field for any other word; "Senden".
 */
export async function ReviewPanel({
  analysisId,
  kind,
  review,
}: {
  analysisId: string
  kind: 'transcript' | 'questionnaire'
  review: ReviewView
}) {
  const t = await getTranslations('ai.review')
  return (
    <section aria-labelledby="ai-review-title" data-testid="ai-review" className="space-y-4">
      <h3 id="ai-review-title" className="font-semibold">
        {t('title')}
      </h3>
      <p className="max-w-prose text-sm">{t('intro')}</p>
      <p className="text-sm text-muted">{t('legend')}</p>
      <h4 id="ai-review-text-label" className="text-sm font-semibold">
        {t('textLabel')}
      </h4>
      <div
        aria-labelledby="ai-review-text-label"
        data-testid="ai-review-text"
        className="max-h-96 overflow-y-auto whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-3 text-sm leading-relaxed"
        tabIndex={0}
      >
        {highlighted(review)}
      </div>
      <p className="text-sm" data-testid="ai-review-masked">
        {t('masked', { count: review.masked })}
      </p>
      <div className="space-y-2">
        <h4 className="text-sm font-semibold">{t('suspectsTitle')}</h4>
        {review.suspects.length === 0 ? (
          <p className="text-sm text-muted">{t('suspectsEmpty')}</p>
        ) : (
          <>
            <p className="text-sm text-muted">{t('suspectsHint')}</p>
            <ul className="space-y-2" data-testid="ai-review-suspects">
              {review.suspects.map((s) => (
                <li key={`${s.value}-${s.start}`} className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">{s.value}</span>
                  <span className="text-sm text-muted">
                    {t.has(`reasons.${s.reason}`) ? t(`reasons.${s.reason}`) : s.reason}
                  </span>
                  <MaskSuspectForm analysisId={analysisId} kind={kind} word={s.value} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <MaskOtherForm analysisId={analysisId} kind={kind} />
      <div className="border-t border-slate-200 pt-4">
        <SendReviewedForm analysisId={analysisId} kind={kind} />
      </div>
    </section>
  )
}
