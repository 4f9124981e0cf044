import { z } from 'zod'

/** Labelled texts (format: ../shared/pii/README.md) and how the pseudonymiser is scored on them (R7.2). */
export const labelledDocSchema = z.object({
  id: z.string(),
  lang: z.string().optional(),
  text: z.string(),
  known: z.object({ client: z.string().optional(), coach: z.string().optional() }).optional(),
  pii: z.array(z.object({ type: z.string(), value: z.string() })),
  keep: z.array(z.string()).default([]),
})
export type LabelledDoc = z.infer<typeof labelledDocSchema>

export function parseLabelled(jsonl: string): LabelledDoc[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => labelledDocSchema.parse(JSON.parse(l)))
}

export type PiiScore = {
  perType: Map<string, { total: number; removed: number }>
  /** Person values that are (a form of) the known client's or coach's name: the target is 1.00. */
  knownNames: { total: number; removed: number }
  removed: number
  total: number
  kept: number
  keepTotal: number
  leakingDocs: number
  docs: number
  misses: string[]
}

const foldName = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/(?:'s|s)$/u, '')

/** A labelled person value that is the known client or coach, or a part of their name (genitive too). */
export function isKnownName(value: string, doc: LabelledDoc): boolean {
  const names = [doc.known?.client, doc.known?.coach].filter((n): n is string => Boolean(n))
  const v = foldName(value)
  return names.some((name) => {
    const parts = name.split(/[\s-]+/).map(foldName)
    return foldName(name) === v || parts.includes(v) || v.split(/\s+/).every((w) => parts.includes(w))
  })
}

/** An identifier counts as removed when its value no longer occurs; a content word as kept when it still does. */
export function scorePseudonymised(docs: LabelledDoc[], output: (doc: LabelledDoc) => string): PiiScore {
  const score: PiiScore = {
    perType: new Map(),
    knownNames: { total: 0, removed: 0 },
    removed: 0,
    total: 0,
    kept: 0,
    keepTotal: 0,
    leakingDocs: 0,
    docs: docs.length,
    misses: [],
  }
  for (const doc of docs) {
    const out = output(doc)
    let leaked = false
    for (const p of doc.pii) {
      const stat = score.perType.get(p.type) ?? { total: 0, removed: 0 }
      stat.total++
      score.total++
      const known = p.type === 'PERSON' && isKnownName(p.value, doc)
      if (known) score.knownNames.total++
      if (out.includes(p.value)) {
        leaked = true
        score.misses.push(`${doc.id} ${p.type}${known ? ' (known)' : ''}: ${p.value}`)
      } else {
        stat.removed++
        score.removed++
        if (known) score.knownNames.removed++
      }
      score.perType.set(p.type, stat)
    }
    if (leaked) score.leakingDocs++
    for (const k of doc.keep) {
      score.keepTotal++
      if (out.includes(k)) score.kept++
      else score.misses.push(`${doc.id} KEEP lost: ${k}`)
    }
  }
  return score
}
