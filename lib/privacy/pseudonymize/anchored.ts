/**
 * `text.matchAll(re)` for a global regex whose matches can only start at known positions (an "@", a line
 * start): its sticky twin runs at those positions only, in order, skipping those inside an earlier match —
 * the same matches, without the engine trying every position of a long transcript.
 */
export function matchesAt(text: string, sticky: RegExp, starts: Iterable<number>): RegExpExecArray[] {
  if (!sticky.sticky) throw new Error('matchesAt needs a sticky regex')
  const out: RegExpExecArray[] = []
  let floor = 0
  for (const p of starts) {
    if (p < floor) continue
    sticky.lastIndex = p
    const m = sticky.exec(text)
    if (!m) continue
    out.push(m)
    floor = p + Math.max(1, m[0].length)
  }
  return out
}

/** Positions of a character in the text, ascending. */
export function* positionsOf(text: string, ch: string, from = 0): Generator<number> {
  for (let at = text.indexOf(ch, from); at !== -1; at = text.indexOf(ch, at + 1)) yield at
}

/** A global regex's sticky twin (same source and flags, `y` instead of `g`). */
export const stickyOf = (re: RegExp) => new RegExp(re.source, re.flags.replace('g', '') + 'y')
