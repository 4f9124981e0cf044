/**
 * What every server action answers — the state of `useActionState` (built by lib/http/action.ts). Safe to
 * import in client components.
 *
 * - `idle`: nothing submitted yet.
 * - `ok`: done; `data` is what the handler returned (a result the form words, e.g. `'granted'`).
 * - `invalid`: bad input, nothing changed; `fieldErrors` per field, `message` the first problem (for forms
 *   whose fields are hidden), `values` what was typed so nothing is lost.
 * - `error`: refused or failed, nothing changed; `message` in the reader's language, `code` for forms that
 *   react to one kind of error, `values` what was typed.
 */
export type ActionState<T = undefined> = {
  status: 'idle' | 'ok' | 'invalid' | 'error'
  data?: T
  code?: string
  message?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

/** The initial state for `useActionState(action, idle)`. */
export const idle: ActionState<never> = { status: 'idle' }

/** Whether the state carries an error sentence to show (both refusals and bad input). */
export function failed<T>(state: ActionState<T>): state is ActionState<T> & { message: string } {
  return (state.status === 'error' || state.status === 'invalid') && Boolean(state.message)
}
