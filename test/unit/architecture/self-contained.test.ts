// A clone of the project alone runs its own tests: no test, script or benchmark reads anything outside the repository
// (the captured replies live in test/fixtures). This scans their text for paths that climb out of the repo root.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'

const SCANNED = ['test', 'scripts', 'bench', '.ci']
const SKIP = new Set(['fixtures', 'screenshots', 'results', 'node_modules'])
// the folder CI keeps beside the clone; spelt in pieces so this file does not name it itself
const SIBLING_NAME = ['sha', 'red'].join('')
const SIBLING = new RegExp(`\\.\\./${SIBLING_NAME}/[\\w./-]*`, 'g')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return SKIP.has(name) ? [] : walk(full)
    return /\.(ts|mjs|js|sh|json)$|^run$/.test(name) ? [full] : []
  })
}

/** relative path literals in a file that resolve outside the repository, plus any mention of the sibling folder */
export function pathsOutsideRepo(file: string, text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\n]*)['"`]/g)) {
    const target = path.resolve(path.dirname(file), m[1]!)
    if (path.relative(repoRoot, target).startsWith('..')) found.push(m[1]!)
  }
  for (const m of text.matchAll(SIBLING)) found.push(m[0])
  return found
}

describe('the repository tests on its own', () => {
  it('no test, script or benchmark points outside the repository', () => {
    const files = SCANNED.flatMap((d) => walk(path.join(repoRoot, d)))
    const offenders = files.flatMap((file) =>
      pathsOutsideRepo(file, readFileSync(file, 'utf8')).map((p) => `${path.relative(repoRoot, file)}: ${p}`)
    )
    expect(offenders).toEqual([])
  })

  it('the check itself catches a path into the sibling folder', () => {
    const file = path.join(repoRoot, 'test/support/paths.ts')
    expect(pathsOutsideRepo(file, `path.resolve(here, '../../../${SIBLING_NAME}/fixtures')`)).not.toEqual([])
    expect(pathsOutsideRepo(file, `const d = '../${SIBLING_NAME}/fixtures/rets'`)).not.toEqual([])
    expect(pathsOutsideRepo(file, `import { x } from '../../src-main/app/workbench'`)).toEqual([])
  })
})
