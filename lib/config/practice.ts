import 'server-only'
import { env } from '@/lib/env'

/** The practice that runs this instance (footer, Impressum, privacy contact), from configuration. */
export type Practice = {
  name: string
  /** Address lines (PRACTICE_ADDRESS split at commas). */
  address: string[]
  email: string
  phone: string | null
  uid: string | null
}

export function practice(): Practice {
  return {
    name: env.PRACTICE_NAME,
    address: env.PRACTICE_ADDRESS.split(',')
      .map((line) => line.trim())
      .filter(Boolean),
    email: env.PRACTICE_EMAIL,
    phone: env.PRACTICE_PHONE ?? null,
    uid: env.PRACTICE_UID ?? null,
  }
}
