/**
 * Domain errors the actions turn into clear messages. NotFound is also what someone gets for another
 * person's id: whether it exists is none of their business (R14.1).
 */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
  constructor(message = 'Nicht gefunden — vielleicht wurde es gelöscht.') {
    super(message)
  }
}

/** Input that passed the schema but contradicts the current state (e.g. an outdated consent text). */
export class ConflictError extends Error {
  override name = 'ConflictError'
}
