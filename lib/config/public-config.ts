import { createHash } from 'node:crypto'
import type { DeploymentVars } from './deployment'

/** What the environment contributes to the prerendered public pages (imprint, privacy page, banner). */
export type PublicConfigVars = Pick<
  DeploymentVars,
  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY' | 'CLERK_SECRET_KEY'
> & {
  PRACTICE_NAME: string
  PRACTICE_ADDRESS: string
  PRACTICE_EMAIL: string
  PRACTICE_PHONE?: string | undefined
  PRACTICE_UID?: string | undefined
  AI_PROVIDER?: string | undefined
  MISTRAL_API_KEY?: string | undefined
  MISTRAL_SERVER_URL?: string | undefined
  AI_RECIPIENT_NAME?: string | undefined
  AI_RECIPIENT_COUNTRY?: string | undefined
  AI_RECIPIENT_HOSTING?: string | undefined
}

/**
 * A short digest of the configuration the prerendered public pages show. `next build` bakes it into each page;
 * the proxy serves a prerendered page only while the running server's configuration has the same digest, so a
 * server started with another practice address or AI provider than it was built with renders the page per
 * request instead of showing the build's (the privacy page must name the recipient this server uses).
 * Keys count only as present or absent; nothing secret goes in.
 */
export function publicConfigFingerprint(v: PublicConfigVars): string {
  const shown = {
    clerk: Boolean(v.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && v.CLERK_SECRET_KEY),
    practice: [
      v.PRACTICE_NAME,
      v.PRACTICE_ADDRESS,
      v.PRACTICE_EMAIL,
      v.PRACTICE_PHONE ?? '',
      v.PRACTICE_UID ?? '',
    ],
    ai: [
      v.AI_PROVIDER ?? '',
      Boolean(v.MISTRAL_API_KEY || v.MISTRAL_SERVER_URL),
      v.AI_RECIPIENT_NAME ?? '',
      v.AI_RECIPIENT_COUNTRY ?? '',
      v.AI_RECIPIENT_HOSTING ?? '',
    ],
  }
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 22)
}

/** The name of the `<meta>` that carries the digest in a prerendered page. */
export const PUBLIC_CONFIG_META = 'mi-alma-config'
