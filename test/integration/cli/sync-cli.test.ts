// `sync plan|run <profile>` as cron runs it: a child process with its own Demo MLS and user-data folder; the
// --json report, the store's file kept between runs, and the exit codes.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/paths'

const userData = mkdtempSync(path.join(os.tmpdir(), 'mlswb-sync-cli-'))

function cli(...args: string[]) {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src-main/shells/cli/mlswb-cli.ts', ...args, '--user-data', userData],
    { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 }
  )
  return { code: res.status, out: res.stdout, err: res.stderr }
}

describe('CLI sync', () => {
  it('runs a sync with a --json summary, then plans nothing left to do', () => {
    const run = cli('sync', 'run', 'demo-reso', '--resource', 'Property', '--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.out) as { action: string; status: string; counts: { new: number } }
    expect(report).toMatchObject({ action: 'run', status: 'done' })
    expect(report.counts.new).toBeGreaterThan(0)

    const plan = cli('sync', 'plan', 'demo-reso', '--resource', 'Property')
    expect(plan.code).toBe(0)
    expect(plan.out).toMatch(/^Property: 0 new, 0 updated, 0 deleted, \d+ unchanged/)
  }, 120_000)

  it('exit codes: 2 for usage, 1 for a failure with the reason', () => {
    expect(cli('sync', 'sometimes', 'demo-rets').code).toBe(2)
    const failed = cli('sync', 'plan', 'demo-rets', '--resource', 'Property', '--class', 'NoSuchClass')
    expect(failed.code).toBe(1)
    expect(failed.err).toMatch(/NoSuchClass/)
  }, 120_000)
})
