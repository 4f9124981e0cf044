import { AppError } from '@/lib/errors'

export type Role = 'client' | 'coach'

/** Who is asking. Services take this and check ownership themselves (ARCHITECTURE must 1). */
export type Actor = {
  userId: string
  role: Role
  name: string
  email: string
  locale: 'de' | 'en'
  timeZone: string
}

export class AuthorizationError extends AppError {
  override name = 'AuthorizationError'
  constructor(code = 'forbidden') {
    super(code)
  }
}

/** For services: anyone but `role` is refused (with `code`, or the general "no permission"). */
export function assertRole(actor: Actor, role: Role, code?: string): void {
  if (actor.role !== role) throw new AuthorizationError(code)
}
