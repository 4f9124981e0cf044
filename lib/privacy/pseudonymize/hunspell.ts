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

  /** Stems reached through one suffix (or a twofold pair), optionally requiring a cross-product flag too. */
  function viaSuffix(form: string, out: Stem[], needFlag?: string) {
    const length = form.length
    const limit = Math.min(maxSfx, length - 1)
    let node: AffixNode | undefined = sfxTrie
    for (let k = 0; k <= limit; k++) {
      if (k > 0) node = node.next?.get(form.charCodeAt(length - k))
      if (!node) break
      const rules = node.rules
      if (!rules) continue
      const base = form.slice(0, length - k)
      for (const rule of rules) {
        if (needFlag && !rule.cross) continue
        const stem = base + rule.strip
        if (rule.cond && !rule.cond.test(stem)) continue
        if (has(stem, rule.flag) && (!needFlag || has(stem, needFlag)))
          out.push({ stem, flags: words.get(stem)! })
        else if (!needFlag && outerFlags.has(rule.flag)) {
          // Twofold: the stem is itself a suffixed form whose suffix allows this one ("-ungen" on "-ung").
          const limit2 = Math.min(maxSfx, stem.length - 1)
          let node2: AffixNode | undefined = sfxContTrie
          for (let k2 = 1; k2 <= limit2; k2++) {
            node2 = node2.next?.get(stem.charCodeAt(stem.length - k2))
            if (!node2) break
            const inner = node2.rules
            if (!inner) continue
            for (const r2 of inner) {
              if (!r2.cont.includes(rule.flag)) continue
              const stem2 = stem.slice(0, stem.length - k2) + r2.strip
              if ((!r2.cond || r2.cond.test(stem2)) && has(stem2, r2.flag))
                out.push({ stem: stem2, flags: words.get(stem2)! })
            }
          }
        }
      }
    }
  }

  function stems(form: string): Stem[] {
    const out: Stem[] = []
    const direct = words.get(form)
    if (direct !== undefined && usable(direct)) out.push({ stem: form, flags: direct })
    viaSuffix(form, out)
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
