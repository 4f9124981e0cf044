/**
 * CLI of the pseudonymiser (R7.2): JSON Lines in on stdin — {"id", "text", "known"?: {"client", "coach"}} —
 * one JSON line out per input on stdout — {"id", "text"}. Nothing else goes to stdout; problems go to
 * stderr. Fail-closed: a line that cannot be processed yields an empty text, never the original.
 */
import { createInterface } from 'node:readline'
import { z } from 'zod'
import { pseudonymize } from '../lib/privacy/pseudonymize'

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  known: z.object({ client: z.string().optional(), coach: z.string().optional() }).partial().optional(),
})

async function main() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  let number = 0
  for await (const line of lines) {
    number++
    if (!line.trim()) continue
    let id: unknown = null
    try {
      const raw: unknown = JSON.parse(line)
      id = (raw as { id?: unknown })?.id ?? null
      const input = lineSchema.parse(raw)
      const { text } = pseudonymize(input.text, {
        client: input.known?.client ? { name: input.known.client } : undefined,
        coach: input.known?.coach ? { name: input.known.coach } : undefined,
      })
      process.stdout.write(`${JSON.stringify({ id: input.id ?? null, text })}\n`)
    } catch (error) {
      process.stderr.write(
        `line ${number}: ${error instanceof Error ? error.name : 'Error'} — not pseudonymised\n`,
      )
      process.stdout.write(`${JSON.stringify({ id, text: '' })}\n`)
    }
  }
}

void main()
