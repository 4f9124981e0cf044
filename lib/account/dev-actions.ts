'use server'

import { z } from 'zod'
import { isLocalAuth } from '@/lib/auth/mode'
import { AuthorizationError } from '@/lib/auth/types'
import { action } from '@/lib/http/action'
import { createThrowawayClient } from './dev-accounts'

/** Local mode only, for a signed-in person: a throwaway client account (see lib/account/dev-accounts.ts). */
export const createTestAccountAction = action(
  {
    name: 'dev.createTestAccount',
    access: 'signedIn',
    schema: z.object({ name: z.string().trim().max(120) }),
  },
  async ({ input, db }) => {
    if (!isLocalAuth) throw new AuthorizationError()
    return createThrowawayClient(db, input.name)
  },
)
