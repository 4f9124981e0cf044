'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { RateLimitedError } from '@/lib/http/rate-limit'
import { getDb } from '@/db/client'
import { requireRole } from '@/lib/auth'
import { AuthorizationError } from '@/lib/auth/types'
import { KeyShreddedError } from '@/lib/crypto'
import { ConflictError, NotFoundError } from '@/lib/errors'
import { formText } from '@/lib/http/form'
import { getRequestMeta } from '@/lib/http/request-meta'
import { log } from '@/lib/log'
import type { FailureCode } from './pipeline'
import { analysisFormSchema, requestFormSchema, sectionFormSchema, shareFormSchema } from './schemas'
import {
  AiNotConfiguredError,
  approveAnalysis,
  ConsentMissingError,
  ProcessingRestrictedError,
  requestAnalysis,
  type SourceRef,
  setAnalysisShared,
  updateSection,
} from './service'

/**
 * What an AI form gets back. `code` is turned into a sentence by the panel (in the person's language, with the
 * consent labels); `message` is a domain sentence from the service. Bad input changes nothing and keeps what was
 * typed (`value`).
 */
export type AiFormState = {
  status: 'idle' | 'done' | 'invalid' | 'error'
  code?: AiResultCode
  missing?: string[]
  message?: string
  value?: string
  fieldError?: string
}

export type AiResultCode =
  | 'draft'
  | 'saved'
  | 'approved'
  | 'shared'
  | 'unshared'
  | 'not_configured'
  | 'consent_missing'
  | 'restricted'
  | 'not_found'
  | 'generic'
  | `failed_${FailureCode}`

function failure(error: unknown, value?: string): AiFormState {
  if (error instanceof AiNotConfiguredError) return { status: 'error', code: 'not_configured' }
  if (error instanceof ConsentMissingError)
    return { status: 'error', code: 'consent_missing', missing: error.missing }
  if (error instanceof ProcessingRestrictedError) return { status: 'error', code: 'restricted' }
  if (
    error instanceof NotFoundError ||
    error instanceof ConflictError ||
    error instanceof AuthorizationError ||
    error instanceof KeyShreddedError ||
    error instanceof RateLimitedError
  )
    return { status: 'error', message: error.message, value }
  // A value that passed our form check but not the content schema: still bad input, nothing was written.
  if (error instanceof z.ZodError) return { status: 'invalid', code: 'generic', value }
  log.error('ai.action_failed', { error: error instanceof Error ? error.name : 'unknown' })
  return { status: 'error', code: 'generic', value }
}

const notFound: AiFormState = { status: 'error', code: 'not_found' }

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
export async function requestAnalysisAction(_prev: AiFormState, form: FormData): Promise<AiFormState> {
  const actor = await requireRole('coach')
  const parsed = requestFormSchema.safeParse({
    kind: formText(form, 'kind'),
    sourceId: formText(form, 'sourceId'),
  })
  if (!parsed.success) return notFound
  const { kind, sourceId } = parsed.data
  const ref: SourceRef =
    kind === 'transcript' ? { kind, bookingId: sourceId } : { kind, assignmentId: sourceId }
  let state: AiFormState
  try {
    const outcome = await requestAnalysis(getDb(), actor, ref, { meta: await getRequestMeta() })
    state =
      outcome.status === 'draft'
        ? { status: 'done', code: 'draft' }
        : { status: 'error', code: `failed_${outcome.failureCode ?? 'provider_error'}` }
  } catch (error) {
    // Refused before anything was queued; the state on the page did not change.
    return failure(error)
  }
  revalidateAi(kind)
  return state
}

/** Saves one section of the draft (an approved result gets a new draft; the shared version stays). */
export async function updateSectionAction(_prev: AiFormState, form: FormData): Promise<AiFormState> {
  const actor = await requireRole('coach')
  const value = formText(form, 'value')
  const kind = requestFormSchema.shape.kind.safeParse(formText(form, 'kind'))
  const parsed = sectionFormSchema.safeParse({
    analysisId: formText(form, 'analysisId'),
    section: formText(form, 'section'),
    value,
  })
  if (!kind.success) return notFound
  if (!parsed.success) {
    const fieldError = parsed.error.issues.find((i) => i.path[0] === 'value')?.message
    return fieldError ? { status: 'invalid', value, fieldError } : notFound
  }
  try {
    await updateSection(getDb(), actor, parsed.data)
  } catch (error) {
    return failure(error, value)
  }
  revalidateAi(kind.data)
  return { status: 'done', code: 'saved' }
}

/** Approves the current draft: this version is what the client may see once shared (R7.4). */
export async function approveAnalysisAction(_prev: AiFormState, form: FormData): Promise<AiFormState> {
  const actor = await requireRole('coach')
  const parsed = analysisFormSchema.safeParse({
    analysisId: formText(form, 'analysisId'),
    kind: formText(form, 'kind'),
  })
  if (!parsed.success) return notFound
  try {
    await approveAnalysis(getDb(), actor, parsed.data.analysisId, await getRequestMeta())
  } catch (error) {
    return failure(error)
  }
  revalidateAi(parsed.data.kind)
  return { status: 'done', code: 'approved' }
}

/** Shares the approved summary with the client or takes it back (`shared` '1' or '0'); sessions only. */
export async function setAnalysisSharedAction(_prev: AiFormState, form: FormData): Promise<AiFormState> {
  const actor = await requireRole('coach')
  const parsed = shareFormSchema.safeParse({
    analysisId: formText(form, 'analysisId'),
    kind: formText(form, 'kind'),
    shared: formText(form, 'shared'),
  })
  if (!parsed.success) return notFound
  const shared = parsed.data.shared === '1'
  try {
    await setAnalysisShared(
      getDb(),
      actor,
      { analysisId: parsed.data.analysisId, shared },
      await getRequestMeta(),
    )
  } catch (error) {
    return failure(error)
  }
  revalidateAi(parsed.data.kind)
  return { status: 'done', code: shared ? 'shared' : 'unshared' }
}
