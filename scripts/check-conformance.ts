/**
 * Checks docs/privacy-conformance.md (see scripts/conformance.ts): every requirement id of its index has a
 * row, every retention class of cron/retention/policy.ts is listed, and every named test exists.
 * Usage: npm run check:conformance [-- path/to/map.md]
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { retentionPolicy } from '../cron/retention/policy'
import { checkConformance, isRequirementId } from './conformance'

const root = fileURLToPath(new URL('..', import.meta.url))
const docPath = resolve(root, process.argv[2] ?? 'docs/privacy-conformance.md')

const readFile = (path: string) => {
  const full = resolve(root, path)
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined
}

const report = checkConformance(readFileSync(docPath, 'utf8'), readFile, {
  requiredIds: retentionPolicy.map((rule) => rule.id),
})

const requirements = report.ids.filter(isRequirementId)
const withTests = report.rows.filter((r) => r.refs.length > 0)
const withGaps = report.rows.filter((r) => r.gaps.length > 0)
console.log(
  `${requirements.length} requirements and ${report.ids.length - requirements.length} retention rows ` +
    `(${withTests.length} with tests, ${withGaps.length} with gaps), ` +
    `${report.references.length} test references checked`,
)

if (report.problems.length > 0) {
  const where = relative(process.cwd(), docPath)
  console.error(`\n${report.problems.length} problem(s) in ${where}:`)
  for (const p of report.problems) console.error(`  ${where}:${p.line}  ${p.message}`)
  process.exit(1)
}
