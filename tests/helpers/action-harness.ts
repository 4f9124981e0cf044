import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { Db } from '@/db/types'
import type { Actor } from '@/lib/auth/types'

/**
 * Shared by the authorisation matrix and the hostile-input test (R14.1): the list of server actions and route
 * handlers derived from the code, the state the Next.js mocks read and record, and database snapshots.
 */

const root = fileURLToPath(new URL('../..', import.meta.url))

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

const USE_SERVER = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/

/** Files of lib/ and app/ that start with 'use server', relative to the repository root. */
export function serverActionFiles(): string[] {
  return [...walk(join(root, 'lib')), ...walk(join(root, 'app'))]
    .filter((f) => USE_SERVER.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f))
    .sort()
}

/** app/**\/route.ts files, relative to the repository root. */
export function routeFiles(): string[] {
  return walk(join(root, 'app'))
    .filter((f) => /[/\\]route\.tsx?$/.test(f))
    .map((f) => relative(root, f))
    .sort()
}

export type ServerAction = (...args: unknown[]) => Promise<unknown>
export type ActionRef = { file: string; name: string; fn: ServerAction }

/** Every exported function of every 'use server' module (they are all server actions by definition). */
export async function enumerateActions(): Promise<ActionRef[]> {
  const out: ActionRef[] = []
  for (const file of serverActionFiles()) {
    const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === 'function') out.push({ file, name, fn: value as ServerAction })
    }
  }
  return out
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type RouteRef = {
  file: string
  method: string
  key: string
  fn: (...args: unknown[]) => Promise<Response>
}

/** Every exported HTTP method handler of every route.ts under app/. Key: "METHOD /path". */
export async function enumerateRoutes(): Promise<RouteRef[]> {
  const out: RouteRef[] = []
  for (const file of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>
    // Route groups — "(site)/" — are folders, not part of the URL.
    const path =
      '/' +
      file
        .replace(/^app\//, '')
        .replace(/\([^/]+\)\//g, '')
        .replace(/\/?route\.tsx?$/, '')
    for (const method of HTTP_METHODS) {
      const fn = mod[method]
      if (typeof fn === 'function')
        out.push({ file, method, key: `${method} ${path}`, fn: fn as RouteRef['fn'] })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// State read by the mocks of next/headers, next/navigation, next/cache and the local actor.

/** Thrown by the mocked redirect()/notFound()/forbidden()/unauthorized(), like Next's own control flow. */
export class ControlFlow extends Error {
  constructor(
    readonly kind: 'redirect' | 'notFound' | 'forbidden' | 'unauthorized',
    readonly target?: string,
  ) {
    super(`NEXT_${kind.toUpperCase()}${target ? ` ${target}` : ''}`)
  }
}

export const harness = {
  db: null as Db | null,
  actor: null as Actor | null,
  cookies: new Map<string, string>(),
  /** The attributes each cookie was last set with. */
  cookieOptions: new Map<string, Record<string, unknown>>(),
  /** Request headers on top of the defaults below (a test sets them, callAction keeps them). */
  requestHeaders: {} as Record<string, string>,
  revalidated: [] as string[],
}

export const nextHeadersMock = {
  cookies: async () => ({
    get: (name: string) => {
      const value = harness.cookies.get(name)
      return value === undefined ? undefined : { name, value }
    },
    getAll: () => [...harness.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => harness.cookies.has(name),
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      harness.cookies.set(name, value)
      harness.cookieOptions.set(name, options)
    },
    delete: (name: string) => void harness.cookies.delete(name),
  }),
  headers: async () =>
    new Headers({
      'x-forwarded-for': '203.0.113.50',
      'user-agent': 'vitest-authz',
      'x-mialma-pathname': '/x',
      ...harness.requestHeaders,
    }),
}

export const nextNavigationMock = {
  redirect: (target: string) => {
    throw new ControlFlow('redirect', target)
  },
  permanentRedirect: (target: string) => {
    throw new ControlFlow('redirect', target)
  },
  notFound: () => {
    throw new ControlFlow('notFound')
  },
  forbidden: () => {
    throw new ControlFlow('forbidden')
  },
  unauthorized: () => {
    throw new ControlFlow('unauthorized')
  },
  // What the action pipeline calls to let Next's control flow through its catch.
  unstable_rethrow: (error: unknown) => {
    if (error instanceof ControlFlow) throw error
  },
}

export const nextCacheMock = {
  revalidatePath: (path: string) => void harness.revalidated.push(path),
  revalidateTag: (tag: string) => void harness.revalidated.push(`tag:${tag}`),
  updateTag: (tag: string) => void harness.revalidated.push(`tag:${tag}`),
  refresh: () => undefined,
}

export function currentDb(): Db {
  if (!harness.db) throw new Error('harness.db is not set')
  return harness.db
}

export type Outcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'control'; flow: ControlFlow }
  | { kind: 'threw'; error: unknown }

/** Calls a server action as the given actor; control flow (redirect …) is an outcome, anything else thrown too. */
export async function callAction(fn: ServerAction, actor: Actor | null, form: FormData): Promise<Outcome> {
  harness.actor = actor
  harness.cookies = new Map()
  harness.cookieOptions = new Map()
  harness.revalidated = []
  try {
    // (prevState, formData) for useActionState actions; (formData) for plain form actions.
    const value = fn.length === 1 ? await fn(form) : await fn({ status: 'idle' }, form)
    return { kind: 'returned', value }
  } catch (error) {
    if (error instanceof ControlFlow) return { kind: 'control', flow: error }
    return { kind: 'threw', error }
  }
}

export function describeOutcome(o: Outcome): string {
  if (o.kind === 'returned') return `returned ${JSON.stringify(o.value)?.slice(0, 300)}`
  if (o.kind === 'control') return `${o.flow.kind} ${o.flow.target ?? ''}`
  const e = o.error
  return `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)}`
}

/** Runs `fn` inside a transaction that is always rolled back; getDb() answers the transaction meanwhile. */
class Rollback extends Error {}
export async function inRollback<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined
  try {
    await db.transaction(async (tx) => {
      harness.db = tx as unknown as Db
      result = await fn(tx as unknown as Db)
      throw new Rollback()
    })
  } catch (e) {
    if (!(e instanceof Rollback)) throw e
  } finally {
    harness.db = db
  }
  return result as T
}

// ---------------------------------------------------------------------------------------------------------
// Snapshots

async function rowsOf<T>(db: Db, query: string): Promise<T[]> {
  const res = (await db.execute(sql.raw(query))) as unknown as { rows: T[] }
  return res.rows
}

export async function tableNames(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  return rows.map((r) => r.name)
}

/** One string that changes when any row of any table changes: per table a row count and a content hash. */
export async function digest(db: Db, tables: string[]): Promise<string> {
  const parts = tables.map(
    (t) =>
      `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as h from "${t}" x`,
  )
  const rows = await rowsOf<{ t: string; n: number; h: string }>(db, parts.join(' union all '))
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|')
}

/**
 * A cheap "did anything write?" for thousands of generated cases: a row trigger on every table counts inserted,
 * updated and deleted rows (a statement trigger counts truncates) in one counter, read with one tiny query. It is
 * stricter than `digest` (an update to the same values counts as a write) and a rolled-back write rolls its count
 * back too. `digest` stays the final word once per batch of cases.
 */
export async function installWriteCounter(db: Db, tables: string[]): Promise<() => Promise<number>> {
  await db.execute(sql.raw('create table if not exists _test_writes (n bigint not null)'))
  await db.execute(
    sql.raw('insert into _test_writes (n) select 0 where not exists (select 1 from _test_writes)'),
  )
  await db.execute(
    sql.raw(`create or replace function _test_count_write() returns trigger language plpgsql as $$
      begin update _test_writes set n = n + 1; return null; end $$`),
  )
  for (const t of tables.filter((name) => name !== '_test_writes')) {
    await db.execute(
      sql.raw(`create trigger _test_count_rows after insert or update or delete on "${t}"
        for each row execute function _test_count_write()`),
    )
    await db.execute(
      sql.raw(`create trigger _test_count_truncate after truncate on "${t}"
        for each statement execute function _test_count_write()`),
    )
  }
  return async () => Number((await rowsOf<{ n: string | number }>(db, 'select n from _test_writes'))[0]!.n)
}

/** Every row of every table as text, per table (for row-level diffs). */
export async function fullSnapshot(db: Db, tables: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>()
  for (const t of tables) {
    const rows = await rowsOf<{ r: string }>(db, `select x::text as r from "${t}" x`)
    out.set(t, new Set(rows.map((r) => r.r)))
  }
  return out
}

/** Rows added or removed (a changed row is both) between two snapshots, as "table: row". */
export function diffSnapshots(before: Map<string, Set<string>>, after: Map<string, Set<string>>): string[] {
  const out: string[] = []
  for (const [t, rows] of after) {
    const old = before.get(t) ?? new Set()
    for (const r of rows) if (!old.has(r)) out.push(`+ ${t}: ${r}`)
    for (const r of old) if (!rows.has(r)) out.push(`- ${t}: ${r}`)
  }
  return out
}
