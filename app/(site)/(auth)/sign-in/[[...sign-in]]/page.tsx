import { SignIn } from '@clerk/nextjs'
import { redirect } from 'next/navigation'
import { SignInContent, signInMetadata } from '@/components/auth/sign-in-content'
import { getActor, homeFor } from '@/lib/auth'
import { hasInvalidSessionCookie } from '@/lib/auth/local'
import { authMode } from '@/lib/auth/mode'

export const generateMetadata = signInMetadata

type Props = { searchParams: Promise<{ abgemeldet?: string | string[] }> }

/**
 * The sign-in page rendered per request: in Clerk mode (Clerk's component), and in local mode when the proxy
 * does not serve the prerendered copy (app/prerendered/[locale]/sign-in) — a session cookie (signed in: to the
 * home page; no longer valid: say so), a form post, `next dev`.
 */
export default async function SignInPage({ searchParams }: Props) {
  const actor = await getActor()
  if (actor) redirect(homeFor(actor.role))
  if (authMode === 'clerk') {
    return (
      <main id="main" className="mx-auto flex max-w-md justify-center px-4 py-12">
        <SignIn />
      </main>
    )
  }
  const notice = (await hasInvalidSessionCookie())
    ? 'invalidSession'
    : (await searchParams).abgemeldet !== undefined
      ? 'signedOut'
      : undefined
  return <SignInContent notice={notice} />
}
