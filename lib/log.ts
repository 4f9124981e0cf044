import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { env } from '@/lib/env'

/**
 * Technical log lines (R13.1): an event name and technical facts (status, ids, counts). The field type
 * admits no objects, so content can't ride along by accident; e-mail addresses are masked defensively.
 */
type Field = string | number | boolean | null | undefined

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g

export function maskEmails(value: string): string {
  return value.replace(EMAIL, '$1***@$2')
}

function write(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, Field>) {
  const clean: Record<string, Field> = {}
  for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === 'string' ? maskEmails(v) : v
  const line = JSON.stringify({ level, event, ...clean, at: new Date().toISOString() })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.info(line)
  if (env.LOG_FILE) appendToFile(env.LOG_FILE, line)
}

let fileReady = false

/** Test-only sink (LOG_FILE): the e2e leak canaries read every line the app logged. */
function appendToFile(path: string, line: string) {
  try {
    if (!fileReady) mkdirSync(dirname(path), { recursive: true })
    fileReady = true
    appendFileSync(path, `${line}\n`)
  } catch {
    // A broken test sink must not break the request; the console line above is already written.
  }
}

export const log = {
  info: (event: string, fields: Record<string, Field> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, Field> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, Field> = {}) => write('error', event, fields),
}
