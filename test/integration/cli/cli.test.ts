// The CLI as a user runs it: a child process against its own in-process Demo MLS, in a throwaway user-data folder.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'

function cli(...args: string[]) {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'mlswb-cli-'))
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/shells/cli/mlswb-cli.ts', ...args, '--user-data', userData],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000
    }
  )
  return { code: res.status, out: res.stdout, err: res.stderr, userData }
}

// each test starts several CLI processes (node + tsx + a Demo MLS): far slower than one call on a loaded machine
describe('CLI', { timeout: 240_000 }, () => {
  it('lists the Demo MLS profiles', () => {
    const r = cli('profiles', '--json')
    expect(r.code).toBe(0)
    const ids = (JSON.parse(r.out) as { id: string }[]).map((p) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['demo-rets', 'demo-reso', 'demo-spark']))
  })

  it('prints a RETS search as TSV with the match count', () => {
    const r = cli(
      'search',
      'demo-rets',
      '--resource',
      'Property',
      '--class',
      'A',
      '--query',
      '(LIST_15=|OV61GOJ13C0)',
      '--select',
      'LIST_1,LIST_105',
      '--limit',
      '3'
    )
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines[0]).toBe('LIST_1\tLIST_105')
    expect(lines).toHaveLength(4)
    expect(r.err).toMatch(/3 rows of \d+ matching/)
  })

  it('exports an OData query to CSV', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-cli-out-')), 'active.csv')
    const r = cli(
      'export',
      'demo-reso',
      '--query',
      "StandardStatus eq 'Active'",
      '--select',
      'ListingKey,ListPrice',
      '--limit',
      '40',
      '--out',
      out
    )
    expect(r.code).toBe(0)
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/)
    expect(lines[0]).toBe('ListingKey,ListPrice')
    expect(lines).toHaveLength(41)
  })

  it('explains errors with the server’s words and a hint, exit code 4 (the server refused)', () => {
    const r = cli('search', 'demo-rets', '--resource', 'Property', '--class', 'A', '--query', '(LIST_15=')
    expect(r.code).toBe(4)
    expect(r.err).toMatch(/Error RETS_20206/)
  })
})
