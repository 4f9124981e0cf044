import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * A minimal Hunspell reader: which stems of a dictionary generate a surface form through its affix rules
 * (prefixes, suffixes, their cross product and one level of twofold suffixes). No compounding and no
 * suggestions — the pseudonymiser only asks "is this an ordinary word here, and of which kind". The
 * dictionaries are read from their npm packages at first use (see data/README.md for sources and licences).
 */

type Rule = {
  flag: string
  strip: string
  add: string
  /** Condition on the stem (after stripping): its end for suffixes, its start for prefixes. */
  cond: RegExp | null
  /** The same condition as code-unit classes, read without building the stem (`endMatches`); null if unparsed. */
  ends: Condition | null
  cross: boolean
  /** Flags a twofold affix carries (the "/flags" after its add string). */
  cont: string
}

export type Stem = { stem: string; flags: string }

export type Hunspell = {
  /** Every stem (with its flags) that generates `form` exactly, case-sensitive. */
  stems(form: string): Stem[]
  /** Number of dictionary entries (for tests and start-up figures). */
  size: number
}

const flagsOf = (s: string) => s

function parseAff(aff: string) {
  const sfx = new Map<string, Rule[]>()
  const pfx = new Map<string, Rule[]>()
  const headers = new Map<string, { cross: boolean }>()
  const special = { needAffix: '', onlyInCompound: '', forbidden: '' }
  let maxSfx = 0
  let maxPfx = 0
  for (const raw of aff.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (!line || line.startsWith('#')) continue
    const parts = line.split(/\s+/)
    const kind = parts[0]
    if (kind === 'NEEDAFFIX') special.needAffix = parts[1] ?? ''
    else if (kind === 'ONLYINCOMPOUND') special.onlyInCompound = parts[1] ?? ''
    else if (kind === 'FORBIDDENWORD') special.forbidden = parts[1] ?? ''
    if (kind !== 'SFX' && kind !== 'PFX') continue
    const flag = parts[1]!
    // Header line: "SFX A Y 46".
    if (parts.length === 4 && /^[YN]$/.test(parts[2]!) && /^\d+$/.test(parts[3]!)) {
      headers.set(`${kind}${flag}`, { cross: parts[2] === 'Y' })
      continue
    }
    if (parts.length < 4) continue
    const strip = parts[2] === '0' ? '' : parts[2]!
    const [addRaw, cont = ''] = parts[3]!.split('/')
    const add = addRaw === '0' ? '' : addRaw!
    const condition = parts[4] ?? '.'
    let cond: RegExp | null = null
    if (condition !== '.') {
      try {
        cond = new RegExp(kind === 'SFX' ? `${condition}$` : `^${condition}`, 'u')
      } catch {
        continue
      }
    }
    const rule: Rule = {
      flag,
      strip,
      add,
      cond,
      ends: kind === 'SFX' && cond ? parseCondition(condition) : null,
      cross: headers.get(`${kind}${flag}`)?.cross ?? false,
      cont: flagsOf(cont),
    }
    const index = kind === 'SFX' ? sfx : pfx
    const list = index.get(add) ?? []
    list.push(rule)
    index.set(add, list)
    if (kind === 'SFX') maxSfx = Math.max(maxSfx, add.length)
    else maxPfx = Math.max(maxPfx, add.length)
  }
  return { sfx, pfx, maxSfx, maxPfx, special }
}

/**
 * A suffix condition as one class per code unit from the stem's end: `.` (any but a line end, as the regex's dot),
 * a letter, `[abc]` or `[^abc]` — the whole syntax the four dictionaries use. Anything else (or a character
 * beyond the BMP, which the Unicode regex reads as one) gives null and the regex decides.
 */
type Condition = { codes: Int32Array[]; negated: boolean[]; any: boolean[] }
function parseCondition(condition: string): Condition | null {
  const codes: Int32Array[] = []
  const negated: boolean[] = []
  const any: boolean[] = []
  for (let i = 0; i < condition.length;) {
    const c = condition[i]!
    if (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) return null
    if (c === '.') {
      codes.push(new Int32Array(0))
      negated.push(false)
      any.push(true)
      i++
    } else if (c === '[') {
      const close = condition.indexOf(']', i + 1)
      const neg = condition[i + 1] === '^'
      const body = condition.slice(neg ? i + 2 : i + 1, close)
      if (close === -1 || body === '' || /[\\[\]\-^\ud800-\udfff]/.test(body)) return null
      codes.push(Int32Array.from(body, (ch) => ch.charCodeAt(0)))
      negated.push(neg)
      any.push(false)
      i = close + 1
    } else if ('\\]()|?*+{}^$-'.includes(c)) {
      return null
    } else {
      codes.push(Int32Array.of(c.charCodeAt(0)))
      negated.push(false)
      any.push(false)
      i++
    }
  }
  return { codes, negated, any }
}

/**
 * A candidate stem not yet built: `form`'s first `base` code units, then `a`, then `b` (a suffix's strip string,
 * and for the twofold suffix a second one). Reading it in place spares a string per affix rule tried, most of
 * which name no dictionary word.
 */
function unitAt(form: string, base: number, a: string, b: string, i: number): number {
  if (i < base) return form.charCodeAt(i)
  i -= base
  return i < a.length ? a.charCodeAt(i) : b.charCodeAt(i - a.length)
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029

/** Whether the candidate's end meets the condition; undefined where a surrogate makes the regex decide. */
function endMatches(cond: Condition, form: string, base: number, a: string, b: string): boolean | undefined {
  const length = base + a.length + b.length
  const n = cond.codes.length
  if (length < n) {
    // The regex reads code points: fewer units than classes is no match unless a surrogate pair is among them.
    for (let i = 0; i < length; i++) if (isSurrogate(unitAt(form, base, a, b, i))) return undefined
    return false
  }
  for (let j = 0; j < n; j++) {
    const c = unitAt(form, base, a, b, length - n + j)
    if (isSurrogate(c)) return undefined
    if (cond.any[j]) {
      if (isLineEnd(c)) return false
      continue
    }
    const codes = cond.codes[j]!
    let found = false
    for (let k = 0; k < codes.length; k++)
      if (codes[k] === c) {
        found = true
        break
      }
    if (found === cond.negated[j]) return false
  }
  return true
}

/** Hashes of a form's fronts (`hashUnits` of its first i units at i): a candidate's continues from its base. */
function frontHashes(form: string): Int32Array {
  const fronts = new Int32Array(form.length + 1)
  fronts[0] = HASH_SEED
  for (let i = 0; i < form.length; i++) fronts[i + 1] = Math.imul(fronts[i]! ^ form.charCodeAt(i), 16777619)
  return fronts
}

/** FNV-1a over UTF-16 code units, continued from `h`: the dictionary's filter reads candidates with it. */
function hashUnits(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h
}
const HASH_SEED = 0x811c9dc5 | 0
const FILTER_BITS = 22
const FILTER_MASK = (1 << FILTER_BITS) - 1
const filterSlot = (h: number) => h & FILTER_MASK
const filterSlot2 = (h: number) => (Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS)) & FILTER_MASK

/**
 * A Bloom filter of the dictionary's words (two bits each, 4 M bits): "certainly not a word" for a candidate stem
 * from its hash, before a string is built and looked up. No false negatives, so the stems found are the same.
 */
function wordFilter(words: ReadonlyMap<string, string>): Uint32Array {
  const bits = new Uint32Array((FILTER_MASK + 1) >>> 5)
  for (const word of words.keys()) {
    const h = hashUnits(HASH_SEED, word, 0, word.length)
    const a = filterSlot(h)
    const b = filterSlot2(h)
    bits[a >>> 5]! |= 1 << (a & 31)
    bits[b >>> 5]! |= 1 << (b & 31)
  }
  return bits
}

function parseDic(dic: string): Map<string, string> {
  const words = new Map<string, string>()
  // Read in place, line by line after the first (the count): no string per line and no regex split per line,
  // which were most of loading a language (each has 50,000–95,000 lines).
  let from = dic.indexOf('\n') + 1
  while (from > 0 && from <= dic.length) {
    let to = dic.indexOf('\n', from)
    if (to === -1) to = dic.length
    const first = dic.charCodeAt(from)
    // Comment lines (Italian "/ …", tab-indented German header) and empty lines.
    if (to > from && first !== 47 && first !== 9 && first !== 35) {
      // Morphological fields after a tab or space are ignored; an escaped slash is rare enough to ignore too.
      let end = from
      let slash = -1
      for (; end < to; end++) {
        const c = dic.charCodeAt(end)
        if (c === 9 || c === 32) break
        if (c === 47 && slash === -1) slash = end
      }
      const word = dic.slice(from, slash === -1 ? end : slash)
      const flags = slash === -1 ? '' : dic.slice(slash + 1, end)
      if (word) {
        const before = words.get(word)
        words.set(word, before === undefined ? flags : before + flags)
      }
    }
    from = to + 1
  }
  return words
}

/** A trie of affixes by code unit: the rules of the affix that ends here, and the longer ones. */
type AffixNode = { rules?: Rule[]; next?: Map<number, AffixNode> }

/** The rules by affix as a trie, the affixes read backwards (`fromEnd`, suffixes) or forwards (prefixes). */
function affixTrie(rulesByAffix: ReadonlyMap<string, Rule[]>, fromEnd: boolean): AffixNode {
  const root: AffixNode = {}
  for (const [affix, rules] of rulesByAffix) {
    let node = root
    for (let i = 0; i < affix.length; i++) {
      const code = affix.charCodeAt(fromEnd ? affix.length - 1 - i : i)
      node.next ??= new Map()
      let child = node.next.get(code)
      if (!child) node.next.set(code, (child = {}))
      node = child
    }
    node.rules = rules
  }
  return root
}

export function loadHunspell(aff: string, dic: string): Hunspell {
  const { sfx, pfx, maxSfx, maxPfx, special } = parseAff(aff)
  const words = parseDic(dic)
  const unusable = special.needAffix + special.onlyInCompound + special.forbidden
  const usable = (flags: string) => {
    for (const f of unusable) if (f && flags.includes(f)) return false
    return true
  }
  const has = (stem: string, flag: string) => {
    const flags = words.get(stem)
    return (
      flags !== undefined && flags.includes(flag) && !(special.forbidden && flags.includes(special.forbidden))
    )
  }
  // Twofold suffixes: only rules that carry flags can be the inner suffix, and only a rule whose flag one of them
  // carries can be the outer one. Most rules are neither (English and Italian have none): without these two
  // indexes every failed stem tried every suffix again, most of the look-up time of a word not seen before.
  const sfxCont = new Map<string, Rule[]>()
  for (const [add, rules] of sfx) {
    const carrying = rules.filter((r) => r.cont !== '')
    if (carrying.length > 0) sfxCont.set(add, carrying)
  }
  const outerFlags = new Set<string>()
  for (const rules of sfx.values())
    for (const rule of rules)
      for (const inner of sfxCont.values())
        if (inner.some((r2) => r2.cont.includes(rule.flag))) outerFlags.add(rule.flag)
  // The affixes as tries, read from the word's end (suffixes) or start (prefixes): a word's ends that are no
  // affix's are passed over without a string cut and a map look-up each (Italian and Spanish suffixes run long).
  const sfxTrie = affixTrie(sfx, true)
  const sfxContTrie = affixTrie(sfxCont, true)
  const pfxTrie = affixTrie(pfx, false)

  const filter = wordFilter(words)
  const mayBeWord = (h: number) => {
    const a = filterSlot(h)
    const b = filterSlot2(h)
    return (filter[a >>> 5]! & (1 << (a & 31))) !== 0 && (filter[b >>> 5]! & (1 << (b & 31))) !== 0
  }
  /** Whether the candidate `form[0, base) + a + b` meets a rule's condition (in place where it can). */
  const meets = (rule: Rule, form: string, base: number, a: string, b: string) => {
    if (!rule.cond) return true
    if (rule.ends) {
      const ends = endMatches(rule.ends, form, base, a, b)
      if (ends !== undefined) return ends
    }
    return rule.cond.test(form.slice(0, base) + a + b)
  }

  /** Stems reached through one suffix (or a twofold pair), optionally requiring a cross-product flag too. */
  function viaSuffix(form: string, out: Stem[], needFlag?: string, fronts = frontHashes(form)) {
    const length = form.length
    const limit = Math.min(maxSfx, length - 1)
    let node: AffixNode | undefined = sfxTrie
    for (let k = 0; k <= limit; k++) {
      if (k > 0) node = node.next?.get(form.charCodeAt(length - k))
      if (!node) break
      const rules = node.rules
      if (!rules) continue
      const base = length - k
      for (const rule of rules) {
        if (needFlag && !rule.cross) continue
        const strip = rule.strip
        if (!meets(rule, form, base, strip, '')) continue
        const stemHash = hashUnits(fronts[base]!, strip, 0, strip.length)
        if (mayBeWord(stemHash)) {
          const stem = form.slice(0, base) + strip
          if (has(stem, rule.flag) && (!needFlag || has(stem, needFlag))) {
            out.push({ stem, flags: words.get(stem)! })
            continue
          }
        }
        if (!needFlag && outerFlags.has(rule.flag)) {
          // Twofold: the stem is itself a suffixed form whose suffix allows this one ("-ungen" on "-ung").
          const stemLength = base + strip.length
          const limit2 = Math.min(maxSfx, stemLength - 1)
          let node2: AffixNode | undefined = sfxContTrie
          for (let k2 = 1; k2 <= limit2; k2++) {
            node2 = node2.next?.get(unitAt(form, base, strip, '', stemLength - k2))
            if (!node2) break
            const inner = node2.rules
            if (!inner) continue
            // stem2 = the stem less its last k2 units, then r2's strip: the form's front, then what is left of
            // this rule's strip.
            const base2 = k2 <= strip.length ? base : base - (k2 - strip.length)
            const kept = k2 < strip.length ? strip.slice(0, strip.length - k2) : ''
            for (const r2 of inner) {
              if (!r2.cont.includes(rule.flag)) continue
              if (!meets(r2, form, base2, kept, r2.strip)) continue
              const h = hashUnits(
                hashUnits(fronts[base2]!, kept, 0, kept.length),
                r2.strip,
                0,
                r2.strip.length,
              )
              if (!mayBeWord(h)) continue
              const stem2 = form.slice(0, base2) + kept + r2.strip
              if (has(stem2, r2.flag)) out.push({ stem: stem2, flags: words.get(stem2)! })
            }
          }
        }
      }
    }
  }

  function stems(form: string): Stem[] {
    const out: Stem[] = []
    const fronts = frontHashes(form)
    // Most forms asked are no entry (the tails of a compound, a name): the filter says so without the look-up.
    const direct = mayBeWord(fronts[form.length]!) ? words.get(form) : undefined
    if (direct !== undefined && usable(direct)) out.push({ stem: form, flags: direct })
    viaSuffix(form, out, undefined, fronts)
    const limit = Math.min(maxPfx, form.length - 1)
    let node: AffixNode | undefined = pfxTrie
    for (let k = 1; k <= limit; k++) {
      node = node.next?.get(form.charCodeAt(k - 1))
      if (!node) break
      const rules = node.rules
      if (!rules) continue
      for (const rule of rules) {
        const rest = rule.strip + form.slice(k)
        if (rule.cond && !rule.cond.test(rest)) continue
        if (has(rest, rule.flag)) out.push({ stem: rest, flags: words.get(rest)! })
        if (rule.cross) viaSuffix(rest, out, rule.flag)
      }
    }
    return out
  }

  return { stems, size: words.size }
}

/** Reads a dictionary package's index.aff/index.dic from node_modules. */
export function readDictionaryPackage(name: string): { aff: string; dic: string } {
  const require = createRequire(join(process.cwd(), 'package.json'))
  const dir = dirname(require.resolve(name))
  return {
    aff: readFileSync(join(dir, 'index.aff'), 'utf8'),
    dic: readFileSync(join(dir, 'index.dic'), 'utf8'),
  }
}
