import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

// Each test file gets its own DATA_DIR (generated local master key etc.); nothing touches the dev .data/.
const dataDir = mkdtempSync(join(tmpdir(), 'mialma-test-'))
process.env.DATA_DIR = dataDir

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
})
