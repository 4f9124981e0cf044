'use client'

import type { DailyCall } from '@daily-co/daily-js'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useActionState, useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { failed, idle } from '@/lib/http/action-state'
import { joinVideoAction } from '@/lib/sessions/video-actions'

/**
 * The call itself (R5.2): one click asks the server for a meeting token (checked there: party and window),
 * then loads `@daily-co/daily-js` — only here, on demand — and opens Daily Prebuilt in a frame. Recording
 * starts and stops refresh the page so the "Aufnahme läuft" indicator follows.
 */
export function VideoCall({ bookingId, lang }: { bookingId: string; lang: 'de' | 'en' }) {
  const t = useTranslations('video.call')
  const router = useRouter()
  const [state, action, pending] = useActionState(joinVideoAction, idle)
  const joined = state.data
  const container = useRef<HTMLDivElement>(null)
  const [phase, setPhase] = useState<'call' | 'left' | 'failed'>('call')

  useEffect(() => {
    if (!joined || !container.current) return
    const element = container.current
    let frame: DailyCall | null = null
    let cancelled = false
    setPhase('call')
    import('@daily-co/daily-js')
      .then(({ default: DailyIframe }) => {
        if (cancelled) return
        frame = DailyIframe.createFrame(element, {
          url: joined.roomUrl,
          token: joined.token,
          lang,
          showLeaveButton: true,
          iframeStyle: { width: '100%', height: '100%', border: '0' },
        })
        frame.iframe()?.setAttribute('title', t('frameTitle'))
        frame.on('left-meeting', () => setPhase('left'))
        frame.on('recording-started', () => router.refresh())
        frame.on('recording-stopped', () => router.refresh())
        return frame.join()
      })
      .catch(() => {
        if (!cancelled) setPhase('failed')
      })
    return () => {
      cancelled = true
      void frame?.destroy()
    }
  }, [joined, lang, router, t])

  const inCall = Boolean(joined) && phase === 'call'
  return (
    <div className="space-y-3">
      {failed(state) && <Alert tone="error">{state.message}</Alert>}
      {phase === 'failed' && <Alert tone="error">{t('loadFailed')}</Alert>}
      {phase === 'left' && <Alert tone="info">{t('left')}</Alert>}
      {!inCall && (
        <form action={action}>
          <input type="hidden" name="bookingId" value={bookingId} />
          <Button type="submit" disabled={pending}>
            {pending ? t('joining') : phase === 'left' ? t('rejoin') : t('join')}
          </Button>
        </form>
      )}
      <div
        ref={container}
        className={inCall ? 'h-[70vh] min-h-96 w-full overflow-hidden rounded-lg bg-slate-900' : 'hidden'}
      />
    </div>
  )
}
