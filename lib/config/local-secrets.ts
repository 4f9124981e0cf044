import 'server-only'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { env } from '@/lib/env'

/**
 * Secrets the local (keyless) mode generates once into DATA_DIR/secrets, so a restart keeps sessions
 * valid and encrypted data readable. Never used on a hosted deployment (lib/config/deployment.ts).
 */
export function localSecret(name: 'master.key' | 'local-auth.key' | 'stripe-webhook.key'): Buffer {
  const dir = join(env.DATA_DIR, 'secrets')
  const file = join(dir, name)
  try {
    const existing = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (existing.length === 32) return existing
  } catch {
    // Not created yet.
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const secret = randomBytes(32)
  try {
    // 'wx': if another process created it meanwhile, keep theirs.
    writeFileSync(file, secret.toString('base64'), { flag: 'wx', mode: 0o600 })
    chmodSync(file, 0o600)
    return secret
  } catch {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  }
}
