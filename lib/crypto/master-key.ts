import 'server-only'
import { localSecret } from '@/lib/config/local-secrets'
import { env } from '@/lib/env'
import { resolveAuthMode } from '@/lib/config/deployment'

export type MasterKey = { id: string; key: Buffer }

/**
 * DATA_ENCRYPTION_KEY when set. Without it only the local mode may run, with a key generated once into
 * DATA_DIR; as soon as real accounts exist (Clerk) the key must come from the environment.
 */
export function getMasterKey(): MasterKey {
  if (env.DATA_ENCRYPTION_KEY) {
    return { id: env.DATA_ENCRYPTION_KEY_ID, key: Buffer.from(env.DATA_ENCRYPTION_KEY, 'base64') }
  }
  if (resolveAuthMode(env) !== 'local') {
    throw new Error('DATA_ENCRYPTION_KEY fehlt: Mit Clerk (echte Accounts) ist ein Hauptschlüssel Pflicht.')
  }
  return { id: 'local', key: localSecret('master.key') }
}
