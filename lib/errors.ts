/**
 * An error meant for the person who asked: the action pipeline (lib/http/action.ts) shows it instead of the
 * generic "that did not work", and logs nothing. `field` names the form field it belongs to (then the form shows
 * it there). Anything that is not an AppError is unexpected: logged by class, answered generically.
 */
export class AppError extends Error {
  override name = 'AppError'
  readonly field?: string
  constructor(message: string, options: { field?: string } = {}) {
    super(message)
    this.field = options.field
  }
  /** What kind of error this is, for forms that react to one kind (e.g. a taken slot → pick again). */
  get code(): string {
    return this.name
  }
}

/**
 * NotFound is also what someone gets for another person's id: whether it exists is none of their business
 * (R14.1).
 */
export class NotFoundError extends AppError {
  override name = 'NotFoundError'
  constructor(message = 'Nicht gefunden — vielleicht wurde es gelöscht.') {
    super(message)
  }
}

/** Input that passed the schema but contradicts the current state (e.g. an outdated consent text). */
export class ConflictError extends AppError {
  override name = 'ConflictError'
}
