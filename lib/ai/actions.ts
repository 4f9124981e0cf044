'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { formText } from '@/lib/http/form'
import { action } from '@/lib/http/action'
import type { FailureCode, RunOutcome } from './pipeline'
import { maskReviewToken, sendReviewedAnalysis, setReviewBeforeSending } from './review'
import {
  analysisFormSchema,
  maskFormSchema,
  reviewSettingSchema,
  requestFormSchema,
  sectionFormSchema,
  shareFormSchema,
  sourceKindSchema,
} from './schemas'
import { approveAnalysis, requestAnalysis, type SourceRef, setAnalysisShared, updateSection } from './service'

/**
 * What an AI form reads after an answer (`data` of an ok state): the panel words it in the person's language.
 * A run that failed at the provider is an answer too (`failed_<code>`), with the reason the panel explains.
 * Refusals before anything was queued (AI not configured, a consent missing, restricted) are AppErrors.
 */
export type AiResult =
  | 'draft'
  | 'review'
  | 'masked'
  | 'setting_on'
  | 'setting_off'
  | 'saved'
  | 'approved'
  | 'shared'
  | 'unshared'
  | `failed_${FailureCode}`

/** The coach's pages that show this kind of analysis, the coach home (drafts) and, for sessions, the client's page. */
function revalidateAi(kind: SourceRef['kind']) {
  revalidatePath('/coach')
  if (kind === 'transcript') {
    revalidatePath('/coach/sessions/[id]', 'page')
    revalidatePath('/sessions/[id]', 'page')
  } else {
    revalidatePath('/coach/clients/[id]/questionnaires/[assignmentId]', 'page')
  }
}

/** Requests a summary (transcript) or analysis (questionnaire); also "Erneut versuchen" after a failure. */
export const requestAnalysisAction = action(
  { name: 'ai.request', access: 'coach', schema: requestFormSchema },
  async ({ input: { kind, sourceId }, actor, db, meta }): Promise<AiResult> => {
    const ref: SourceRef =
      kind === 'transcript' ? { kind, bookingId: sourceId } : { kind, assignmentId: sourceId }
    const outcome = await requestAnalysis(db, actor, ref, { meta })
    revalidateAi(kind)
    return resultOf(outcome)
  },
)

const resultOf = (outcome: RunOutcome): AiResult =>
  outcome.status === 'draft' || outcome.status === 'review'
    ? outcome.status
    : `failed_${outcome.failureCode ?? 'provider_error'}`

/** R7.7: masks a token of the reviewed text everywhere (and for the client's later texts). */
export const maskTokenAction = action(
  { name: 'ai.maskToken', access: 'coach', schema: maskFormSchema, hidden: ['analysisId', 'kind'] },
  async ({ input, actor, db, meta }): Promise<AiResult> => {
    const outcome = await maskReviewToken(
      db,
      actor,
      { analysisId: input.analysisId, token: input.token },
      meta,
    )
    revalidateAi(input.kind)
    return outcome.status === 'review' ? 'masked' : resultOf(outcome)
  },
)

/** R7.7: "Senden" — the only way a reviewed text leaves. */
export const sendReviewedAction = action(
  { name: 'ai.sendReviewed', access: 'coach', schema: analysisFormSchema },
  async ({ input, actor, db, meta }): Promise<AiResult> => {
    const outcome = await sendReviewedAnalysis(db, actor, input.analysisId, { meta })
    revalidateAi(input.kind)
    return resultOf(outcome)
  },
)

/** The practice setting: review before sending on (default) or off. */
export const setReviewSettingAction = action(
  { name: 'ai.reviewSetting', access: 'coach', schema: reviewSettingSchema },
  async ({ input, actor, db, meta }): Promise<AiResult> => {
    await setReviewBeforeSending(db, actor, input.review === 'on', meta)
    revalidatePath('/coach')
    revalidatePath('/coach/sessions/[id]', 'page')
    revalidatePath('/coach/clients/[id]/questionnaires/[assignmentId]', 'page')
    return input.review === 'on' ? 'setting_on' : 'setting_off'
  },
)

/** Saves one section of the draft (an approved result gets a new draft; the shared version stays). */
export const updateSectionAction = action(
  {
    name: 'ai.updateSection',
    access: 'coach',
    schema: z.intersection(z.object({ kind: sourceKindSchema }), sectionFormSchema),
    input: (form) => ({
      kind: formText(form, 'kind'),
      analysisId: formText(form, 'analysisId'),
      section: formText(form, 'section'),
      value: formText(form, 'value'),
    }),
    hidden: ['kind', 'analysisId', 'section'],
  },
  async ({ input: { kind, analysisId, section, value }, actor, db }): Promise<AiResult> => {
    await updateSection(db, actor, { analysisId, section, value })
    revalidateAi(kind)
    return 'saved'
  },
)

/** Approves the current draft: this version is what the client may see once shared (R7.4). */
export const approveAnalysisAction = action(
  { name: 'ai.approve', access: 'coach', schema: analysisFormSchema },
  async ({ input, actor, db, meta }): Promise<AiResult> => {
    await approveAnalysis(db, actor, input.analysisId, meta)
    revalidateAi(input.kind)
    return 'approved'
  },
)

/** Shares the approved summary with the client or takes it back (`shared` '1' or '0'); sessions only. */
export const setAnalysisSharedAction = action(
  { name: 'ai.setShared', access: 'coach', schema: shareFormSchema },
  async ({ input, actor, db, meta }): Promise<AiResult> => {
    const shared = input.shared === '1'
    await setAnalysisShared(db, actor, { analysisId: input.analysisId, shared }, meta)
    revalidateAi(input.kind)
    return shared ? 'shared' : 'unshared'
  },
)
