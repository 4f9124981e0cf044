import type { users } from '@/db/schema'
import type { Actor } from './types'

/** The actor for a users row; both sign-in modes end here. */
export function toActor(user: typeof users.$inferSelect): Actor {
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    locale: user.locale,
    timeZone: user.timeZone,
  }
}
