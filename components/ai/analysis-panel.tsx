import Link from 'next/link'
import type { ReactNode } from 'react'
import { getFormatter, getTranslations } from 'next-intl/server'
import { Card } from '@/components/ui/card'
import { LIST_SECTIONS, SECTION_KEYS } from '@/lib/ai/output'
import type { AnalysisView } from '@/lib/ai/service'
import { AnalysisContentView } from './analysis-content'
import { ApproveForm, RequestAnalysisForm, SectionForm, ShareAnalysisForm } from './analysis-forms'
import { ReviewSettingForm } from './review-forms'
import { ReviewPanel } from './review-panel'

type Props = {
  kind: 'transcript' | 'questionnaire'
  /** The booking (transcript) or assignment (questionnaire) id. */
  sourceId: string
  view: AnalysisView
  /** The approved result is shown for editing (`?ki=bearbeiten`); saving a section makes a new draft. */
  editing: boolean
  basePath: string
}

/**
 * The coach's AI panel (R7.1, R7.4, R7.6, R7.7) on a session ("KI-Zusammenfassung") or a submitted questionnaire
 * ("KI-Auswertung"): request it or see why that is not possible now, review the outgoing text and send it (on by
 * default), follow a request, edit the draft section by section, approve, and for sessions share the approved
 * version with the client. A failure says what happened and
 * offers "Erneut versuchen".
 */
export async function AnalysisPanel({ kind, sourceId, view, editing, basePath }: Props) {
  const t = await getTranslations('ai')
  const tPrivacy = await getTranslations('privacy')
  const format = await getFormatter()
  const consentList = (purposes: string[]) => purposes.map((p) => tPrivacy(`purposes.${p}.short`)).join(', ')
  const { blockedBy, content } = view

  const statusLine =
    view.status === 'none'
      ? t(`status.none.${kind}`)
      : view.status === 'draft'
        ? view.approved
          ? t('status.draftAfterApproval')
          : t('status.draft')
        : view.status === 'approved'
          ? t('status.approved', {
              date: view.approvedAt
                ? format.dateTime(view.approvedAt, { dateStyle: 'medium', timeStyle: 'short' })
                : '—',
            })
          : view.status === 'cancelled' && view.failureCode === 'restricted'
            ? t('status.cancelledRestricted')
            : t(`status.${view.status}`)

  const requestArea = (label: string) => {
    const reasons = [
      ...(blockedBy.notConfigured ? [t('blocked.notConfigured')] : []),
      ...(blockedBy.noSource ? [t(`blocked.noSource.${kind}`)] : []),
      ...(blockedBy.restricted ? [t('blocked.restricted')] : []),
      ...(blockedBy.missingConsents.length > 0
        ? [
            `${t('blocked.missingConsents', { consents: consentList(blockedBy.missingConsents) })} ${t('blocked.consentHint')}`,
          ]
        : []),
    ]
    return (
      <div className="space-y-3">
        {reasons.length > 0 && (
          <div
            id="ai-blocked"
            data-testid="ai-blocked"
            className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            <h3 className="font-semibold">{t('blocked.title')}</h3>
            <ul className="list-disc space-y-1 pl-5">
              {reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        )}
        <RequestAnalysisForm
          kind={kind}
          sourceId={sourceId}
          label={label}
          disabled={reasons.length > 0}
          describedBy={reasons.length > 0 ? 'ai-blocked' : undefined}
        />
      </div>
    )
  }

  const failureText = () => {
    if (view.failureCode === 'restricted') return t('failure.restricted')
    if (view.status === 'cancelled' || view.failureCode === 'consent_missing') {
      const missing = view.missingConsents.length > 0 ? view.missingConsents : blockedBy.missingConsents
      return missing.length > 0
        ? t('failure.consent_missing', { consents: consentList(missing) })
        : t('failure.consent_missing_now_ok')
    }
    return t(`failure.${view.failureCode ?? 'provider_error'}`)
  }

  const sectionForms = (analysisId: string) => (
    <ul className="space-y-6" aria-label={t('sectionsLabel')}>
      {SECTION_KEYS.map((key) => {
        const value = content![key]
        return (
          <li key={key}>
            <SectionForm
              analysisId={analysisId}
              kind={kind}
              section={key}
              label={t(`sections.${key}`)}
              initial={Array.isArray(value) ? value.join('\n') : value}
              isList={LIST_SECTIONS.includes(key)}
            />
          </li>
        )
      })}
    </ul>
  )

  const share =
    kind === 'transcript' && view.id && view.approved ? (
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="font-semibold">{t('share.title')}</h3>
        <ShareAnalysisForm analysisId={view.id} shared={view.shared} />
      </div>
    ) : null

  let body: ReactNode
  if (view.status === 'none' || view.status === 'queued' || !view.id) {
    body = (
      <>
        {view.status === 'queued' && <p className="text-sm">{t('request.queuedHint')}</p>}
        {requestArea(t(`request.${kind}`))}
      </>
    )
  } else if (view.status === 'running') {
    body = (
      <p className="text-sm">
        {t('request.runningHint')}{' '}
        <Link href={`${basePath}#ki`} className="text-brand-700 underline">
          {t('request.reload')}
        </Link>
      </p>
    )
  } else if (view.status === 'failed' || view.status === 'cancelled') {
    body = (
      <>
        <p
          data-testid="ai-failure"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          {failureText()}
        </p>
        {requestArea(t('request.retry'))}
      </>
    )
  } else if (view.status === 'review' && view.review) {
    body = <ReviewPanel analysisId={view.id} kind={kind} review={view.review} />
  } else if (!content) {
    body = requestArea(t(`request.${kind}`))
  } else if (view.status === 'draft') {
    body = (
      <>
        {sectionForms(view.id)}
        <div className="border-t border-slate-200 pt-4">
          <ApproveForm
            analysisId={view.id}
            kind={kind}
            hint={kind === 'transcript' ? t('approve.hintTranscript') : t('approve.hintQuestionnaire')}
          />
        </div>
        {share}
      </>
    )
  } else if (editing) {
    body = (
      <>
        <p className="text-sm">{t('edit.hint')}</p>
        {sectionForms(view.id)}
        <Link href={`${basePath}#ki`} className="inline-block text-brand-700 underline">
          {t('edit.cancel')}
        </Link>
        {share}
      </>
    )
  } else {
    body = (
      <>
        <AnalysisContentView content={content} testId="ai-approved" />
        <Link
          href={`${basePath}?ki=bearbeiten#ki`}
          className="inline-flex min-h-10 items-center rounded-md border border-brand-600 px-4 text-sm font-medium text-brand-700 hover:bg-brand-50"
        >
          {t('edit.button')}
        </Link>
        {share}
      </>
    )
  }

  return (
    <Card id="ki" aria-labelledby="ai-title" data-testid="ai-panel" className="scroll-mt-4 space-y-4">
      <h2 id="ai-title" className="text-lg font-semibold">
        {t(`title.${kind}`)}
      </h2>
      <p className="max-w-prose text-sm text-muted">{t(`intro.${kind}`)}</p>
      <p role="status" data-testid="ai-status" className="font-medium">
        {statusLine}
      </p>
      {body}
      <details className="border-t border-slate-200 pt-3 text-sm">
        <summary className="cursor-pointer font-medium">{t('settings.title')}</summary>
        <div className="pt-2">
          <ReviewSettingForm on={view.reviewBeforeSending} />
        </div>
      </details>
    </Card>
  )
}
