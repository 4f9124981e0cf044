import 'server-only'
import { unstable_rethrow } from 'next/navigation'
import { z } from 'zod'
import { getDb } from '@/db/client'
import type { Db } from '@/db/types'
import type { RequestMeta } from '@/lib/audit/service'
import { getActor, requireActor, requireRole } from '@/lib/auth'
import type { Actor, Role } from '@/lib/auth/types'
import { AppError, issueParams, ProviderError } from '@/lib/errors'
import { errorTranslator } from '@/lib/i18n/error-text'
import { log } from '@/lib/log'
import type { ActionState, ServerAction } from './action-state'
import { formText } from './form'
import { getRequestMeta } from './request-meta'

export type { ActionState, ServerAction } from './action-state'

/**
 * Who may call an action: a role (anyone else gets the sign-in redirect or the 403 page, as with
 * requireRole), `signedIn` (any role; the service decides), or `public` (the actor may be null).
 */
export type ActionAccess = Role | 'signedIn' | 'public'
type ActorFor<A extends ActionAccess> = A extends 'public' ? Actor | null : Actor

export type ActionContext<I, A extends ActionAccess> = {
  input: I
  actor: ActorFor<A>
  db: Db
  meta: RequestMeta
  /** The raw form, for what a schema cannot carry (e.g. a file's bytes). */
  form: FormData
}

type Raw = Record<string, unknown>

export type ActionOptions<S extends z.ZodType, A extends ActionAccess> = {
  /** For the log line of an unexpected error (`action.failed`), e.g. `journal.saveEntry`. */
  name: string
  access: A
  schema: S
  /**
   * The raw input from the form. Default: every key of the object schema as text (missing or a file: '').
   * Text values come back in `values` after bad input, so nothing typed is lost.
   */
  input?: (form: FormData) => Raw
  /** Fields never sent back (passwords). */
  secret?: readonly string[]
  /**
   * Hidden fields (ids) of a form that also has visible ones: bad input there is not the person's to fix (the
   * row is gone or the form was tampered with), so it is answered as an `error` with the schema's message
   * rather than as a field error nobody can see.
   */
  hidden?: readonly string[]
}

/**
 * The one way to write a server action for `useActionState` forms (they also work without JavaScript):
 * access check → zod parse of the form → handler with input, actor, db and request meta → one ActionState.
 * The handler returns the `data` of an `ok` state, or redirects (Next's redirect() passes through). Errors:
 * an AppError (NotFound, Authorization, RateLimited, KeyShredded, domain errors) becomes `error` (or `invalid`
 * with its field), its code translated in the reader's language; a ZodError thrown inside the handler becomes
 * `invalid`; anything else is logged by class only (no input, R13.1) and answered with a generic sentence (a
 * ProviderError with its own). Nothing is written on these paths unless the handler wrote before failing —
 * services keep their writes in one transaction.
 */
export function action<S extends z.ZodType, A extends ActionAccess, T = void>(
  options: ActionOptions<S, A>,
  handler: (ctx: ActionContext<z.output<S>, A>) => Promise<T>,
): ServerAction<T> {
  const readInput = options.input ?? fieldsOf(options.schema)
  return async (_prev, form) => {
    const actor = await resolveActor(options.access)
    const raw = readInput(form)
    const typed = echo(raw, options.secret)
    const parsed = options.schema.safeParse(raw)
    if (!parsed.success) return invalid(parsed.error, typed, options.hidden)
    try {
      const data = await handler({
        input: parsed.data,
        actor: actor as ActorFor<A>,
        db: getDb(),
        meta: await getRequestMeta(),
        form,
      })
      return data === undefined ? { status: 'ok' } : { status: 'ok', data }
    } catch (error) {
      return failure(options.name, error, typed)
    }
  }
}

/**
 * A plain `<form action>` without state (sign-out, language switch): the same access check and parse; the
 * handler normally redirects. Bad input is ignored, an unexpected failure logged by class (there is no state
 * to show either in).
 */
export function formAction<S extends z.ZodType, A extends ActionAccess>(
  options: ActionOptions<S, A>,
  handler: (ctx: ActionContext<z.output<S>, A>) => Promise<void>,
): (form: FormData) => Promise<void> {
  const run = action(options, handler)
  return async (form) => {
    await run({ status: 'idle' }, form)
  }
}

async function resolveActor(access: ActionAccess): Promise<Actor | null> {
  if (access === 'public') return getActor()
  if (access === 'signedIn') return requireActor()
  return requireRole(access)
}

function fieldsOf(schema: z.ZodType): (form: FormData) => Raw {
  // An object schema, or one with a transform after it (z.object(…).transform(…)).
  const object = schema instanceof z.ZodPipe ? schema.in : schema
  if (!(object instanceof z.ZodObject)) {
    throw new Error('action(): a schema that is not a z.object needs an `input` function')
  }
  const keys = Object.keys(object.shape)
  return (form) => Object.fromEntries(keys.map((k) => [k, formText(form, k)]))
}

type Echo = Pick<ActionState, 'values' | 'lists'>

/** What was typed, to send back after bad input: text fields, and repeated fields as lists. */
function echo(raw: Raw, secret: readonly string[] = []): Echo {
  const values: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (secret.includes(k)) continue
    if (typeof v === 'string') values[k] = v
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) lists[k] = v
  }
  return Object.keys(lists).length > 0 ? { values, lists } : { values }
}

/** The first message per field, and the first overall (for forms whose fields are all hidden). */
async function invalid<T>(
  error: z.ZodError,
  typed: Echo,
  hidden: readonly string[] = [],
): Promise<ActionState<T>> {
  const say = await errorTranslator()
  const fieldErrors: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '')
    if (key && !(key in fieldErrors)) fieldErrors[key] = say(issue.message, issueParams(issue))
  }
  const first = error.issues[0] ? say(error.issues[0].message, issueParams(error.issues[0])) : undefined
  const shown = Object.keys(fieldErrors).filter((k) => !hidden.includes(k))
  if (shown.length === 0 && hidden.length > 0) return { status: 'error', message: first, ...typed }
  return { status: 'invalid', message: first, fieldErrors, ...typed }
}

async function failure<T>(name: string, error: unknown, typed: Echo): Promise<ActionState<T>> {
  // redirect(), notFound(), forbidden() … are thrown by design: they are Next's control flow, not failures.
  unstable_rethrow(error)
  if (error instanceof z.ZodError) return invalid(error, typed)
  const say = await errorTranslator()
  if (error instanceof AppError) {
    const state = { code: error.code, message: say(error.code, error.params), ...typed }
    if (!error.fieldErrors) return { status: 'error', ...state }
    const fieldErrors = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([k, v]) => [
        k,
        typeof v === 'string' ? say(v) : say(v.code, v.params),
      ]),
    )
    return { status: 'invalid', ...state, fieldErrors }
  }
  log.error('action.failed', {
    action: name,
    error: error instanceof Error ? error.name : 'unknown',
    ...(error instanceof ProviderError ? { status: error.status } : {}),
  })
  const code = error instanceof ProviderError ? error.code : 'generic'
  return { status: 'error', message: say(code), ...typed }
}
