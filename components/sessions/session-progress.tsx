'use client'

import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useEffect, useState } from 'react'
import { cn } from '@/lib/cn'
import { MOVING_STAGES, type ProgressStage } from '@/lib/sessions/progress-stages'

const STEPS = ['waiting', 'transcribing', 'summarising', 'draft'] as const
const POLL_MS = 3_000

/** How far along the four steps a stage is (review and failed sit where they stopped). */
const position: Record<ProgressStage, number> = {
  idle: -1,
  waiting: 0,
  transcribing: 1,
  summarising: 2,
  review: 2,
  failed: -1,
  transcribed: 2,
  draft: 3,
}

/**
 * The session's processing, live: asks /coach/sessions/[id]/progress every few seconds while something is moving,
 * and refreshes the page (transcript, draft) when the stage changes — no reload. Stops asking once nothing moves.
 * The page keys it by the stage it rendered, so a refresh that brings a newer stage starts it afresh.
 */
export function SessionProgress({ bookingId, initial }: { bookingId: string; initial: ProgressStage }) {
  const t = useTranslations('sessions.progress')
  const router = useRouter()
  const [stage, setStage] = useState(initial)

  useEffect(() => {
    if (!MOVING_STAGES.includes(stage)) return
    let stopped = false
    const timer = setInterval(async () => {
      const response = await fetch(`/coach/sessions/${bookingId}/progress`, { cache: 'no-store' }).catch(
        () => null,
      )
      if (stopped || !response?.ok) return
      const next = ((await response.json()) as { stage?: ProgressStage }).stage
      if (next && next !== stage) {
        setStage(next)
        router.refresh()
      }
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [bookingId, stage, router])

  if (stage === 'idle') return null
  const at = position[stage]
  return (
    <div className="space-y-2" data-testid="session-progress" data-stage={stage}>
      <ol className="flex flex-wrap gap-2" aria-label={t('title')}>
        {STEPS.map((step, i) => {
          const state = i < at || (i === at && stage === 'draft') ? 'done' : i === at ? 'current' : 'pending'
          return (
            <li
              key={step}
              aria-current={state === 'current' ? 'step' : undefined}
              className={cn(
                'rounded-full px-3 py-1 text-sm',
                state === 'done' && 'bg-brand-100 text-brand-800',
                state === 'current' && 'bg-brand-700 font-semibold text-white',
                state === 'pending' && 'bg-slate-100 text-muted',
              )}
            >
              {t(`steps.${step}`)} <span className="sr-only">({t(`state.${state}`)})</span>
            </li>
          )
        })}
      </ol>
      <p role="status" aria-live="polite" className="text-sm">
        {t(`stage.${stage}`)}{' '}
        {MOVING_STAGES.includes(stage) && <span className="text-muted">{t('updating')}</span>}
      </p>
    </div>
  )
}
