import 'server-only'
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { currentPath } from './current-path'
import { getClerkActor } from './clerk'
import { getLocalActor } from './local'
import { authMode } from './mode'
import type { Actor, Role } from './types'

export type { Actor, Role } from './types'
export { AuthorizationError } from './types'

/**
 * The only way code learns who is asking. Null when nobody is signed in. Looked up once per request (React
 * `cache`): the layout, the page and the message loader share one session query. Never across requests, so a
 * sign-out or deletion takes effect with the next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  return authMode === 'clerk' ? getClerkActor() : getLocalActor()
})

export function homeFor(role: Role): string {
  return role === 'coach' ? '/coach' : '/journal'
}

/** For pages and actions: a signed-in actor, or a redirect to the sign-in page (back here afterwards). */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor()
  if (!actor) {
    redirect(`/sign-in?next=${encodeURIComponent(await currentPath())}`)
  }
  return actor
}

/** A signed-in actor with this role; any other role gets the 403 page. */
export async function requireRole(role: Role): Promise<Actor> {
  const actor = await requireActor()
  if (actor.role !== role) forbidden()
  return actor
}
