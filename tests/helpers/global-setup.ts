import type { TestProject } from 'vitest/node'
import { ensurePgliteTemplate, ensurePostgresTemplate } from './db-template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated PGlite dump every integration test file loads (tests/helpers/db.ts). */
    pgliteTemplate: string
    /** The migrated template database on TEST_DATABASE_URL's server, or '' when there is none. */
    postgresTemplate: string
  }
}

/** Runs once per `vitest run` before any integration file: migrate once, clone per file. */
export default async function setup(project: TestProject) {
  project.provide('pgliteTemplate', await ensurePgliteTemplate())
  const serverUrl = process.env.TEST_DATABASE_URL
  project.provide('postgresTemplate', serverUrl ? await ensurePostgresTemplate(serverUrl) : '')
}
