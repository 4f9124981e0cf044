'use server'

import { z } from 'zod'
import { getDb } from '@/db/client'
import { isLocalAuth } from '@/lib/auth/mode'
import { formText } from '@/lib/http/form'
import { log } from '@/lib/log'
import { createThrowawayClient } from './dev-accounts'

export type DevAccountState =
  { status: 'idle' } | { status: 'created'; email: string; password: string } | { status: 'error' }

const nameSchema = z.string().trim().max(120)

/** Local mode only: a throwaway client account (see lib/account/dev-accounts.ts). */
export async function createTestAccountAction(
  _prev: DevAccountState,
  form: FormData,
): Promise<DevAccountState> {
  if (!isLocalAuth) return { status: 'error' }
  const name = nameSchema.safeParse(formText(form, 'name'))
  if (!name.success) return { status: 'error' }
  try {
    return { status: 'created', ...(await createThrowawayClient(getDb(), name.data)) }
  } catch (error) {
    log.error('dev.test_account_failed', { error: error instanceof Error ? error.name : 'unknown' })
    return { status: 'error' }
  }
}
