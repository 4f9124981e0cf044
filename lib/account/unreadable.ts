import { DecryptionError, KeyShreddedError } from '@/lib/crypto'

/**
 * After a deletion (R10.2) the client's data key is gone: every decryption of their content throws
 * KeyShreddedError (or DecryptionError for a damaged payload). Views of that content show "no longer readable"
 * instead of failing; these helpers tell that case apart from real errors.
 */
export function isUnreadable(error: unknown): boolean {
  return error instanceof KeyShreddedError || error instanceof DecryptionError
}

/** The result of `work`, or null when the content it decrypts is no longer readable. Other errors stay errors. */
export async function readableOrNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work
  } catch (error) {
    if (isUnreadable(error)) return null
    throw error
  }
}
