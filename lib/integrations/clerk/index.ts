import 'server-only'
import { createClerkClient } from '@clerk/nextjs/server'
import { env } from '@/lib/env'

/**
 * The Clerk Backend API as the domains need it (INTEGRATIONS §1): deleting a user (R10.2). Built here only;
 * null without CLERK_SECRET_KEY (the local sign-in has no Clerk users). CLERK_API_URL points it at a fake in
 * tests (tests/fakes/clerk.ts).
 */
export type ClerkBackend = {
  /** DELETE /v1/users/{id}: the user and all their sessions are gone at Clerk. A user already gone counts as done. */
  deleteUser: (clerkUserId: string) => Promise<'deleted' | 'already_gone'>
}

export function clerkBackend(): ClerkBackend | null {
  if (!env.CLERK_SECRET_KEY) return null
  return buildClerkBackend(env.CLERK_SECRET_KEY, env.CLERK_API_URL)
}

export function buildClerkBackend(secretKey: string, apiUrl?: string): ClerkBackend {
  const client = createClerkClient({ secretKey, ...(apiUrl ? { apiUrl } : {}) })
  return {
    deleteUser: async (clerkUserId) => {
      try {
        await client.users.deleteUser(clerkUserId)
        return 'deleted'
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return 'already_gone'
        throw error
      }
    },
  }
}
