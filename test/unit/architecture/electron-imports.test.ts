// Protocol and data code must run in vitest, the CLI, the benchmark and web mode: only the Electron shell may
// import electron (src-main/index.ts, src-main/preload.ts, src-main/shells/electron/).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'

const ALLOWED = [/^src-main\/index\.ts$/, /^src-main\/preload\.ts$/, /^src-main\/shells\/electron\//]
const IMPORT =
  /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : /\.(ts|vue|mjs|js)$/.test(name) ? [full] : []
  })
}

describe('electron import boundary', () => {
  it('only the shell imports electron', () => {
    const files = ['src-main', 'src-renderer', 'contract', 'domain', 'demo-mls'].flatMap((d) =>
      walk(path.join(repoRoot, d))
    )
    const offenders = files
      .map((f) => path.relative(repoRoot, f).split(path.sep).join('/'))
      .filter((rel) => !ALLOWED.some((re) => re.test(rel)))
      .filter((rel) => IMPORT.test(readFileSync(path.join(repoRoot, rel), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the check itself catches an import', () => {
    expect(IMPORT.test(`import { app } from 'electron'`)).toBe(true)
    expect(IMPORT.test(`const e = require("electron")`)).toBe(true)
    expect(IMPORT.test(`import x from 'electron-vite'`)).toBe(false)
  })
})
