/**
 * What every server action answers — the state of `useActionState` (built by lib/http/action.ts). Safe to
 * import in client components.
 *
 * - `idle`: nothing submitted yet.
 * - `ok`: done; `data` is what the handler returned (a result the form words, e.g. `'granted'`).
 * - `invalid`: bad input, nothing changed; `fieldErrors` per field, `message` the first problem (for forms
 *   whose fields are hidden), `values` (and `lists`) what was typed so nothing is lost.
 * - `error`: refused or failed, nothing changed; `message` in the reader's language, `code` for forms that
 *   react to one kind of error, `values` what was typed.
 */
export type ActionState<T = void> = {
  status: 'idle' | 'ok' | 'invalid' | 'error'
  data?: T
  code?: string
  message?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
  /** Fields sent more than once (ticked checkboxes), for forms that have them. */
  lists?: Record<string, string[]>
}

/**
 * A server action for `useActionState`, as lib/http/action.ts builds it. It never reads the previous state,
 * so any state will do there (and an action that only redirects fits where any action is expected).
 */
export type ServerAction<T = void> = (prev: ActionState<unknown>, form: FormData) => Promise<ActionState<T>>

/** The initial state for `useActionState(action, idle)`. */
export const idle: ActionState<never> = { status: 'idle' }

/** Whether the state carries an error sentence to show (both refusals and bad input). */
export function failed<T>(state: ActionState<T>): state is ActionState<T> & { message: string } {
  return (state.status === 'error' || state.status === 'invalid') && Boolean(state.message)
}
