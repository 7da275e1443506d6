// Keeps `npm run bench` working in CI: runs the harness in --quick mode on three cases that need no Demo MLS
// captures (a generated OData page over a replay server, a generated EDMX, the result store) and checks the JSON
// report's shape and that every variant ran and was checked correct; then the two COMPACT cases, which log in to
// a Demo MLS child like the app does.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { BenchReport } from '../../../bench/harness/report-types'

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** `npm run bench -- --quick --case <cases>` in a child; its stdout and the JSON report it wrote. */
function quickBench(cases: string, timeout: number): { run: SpawnSyncReturns<string>; report: () => BenchReport } {
  const out = path.join(tmp, `${cases.replace(/\W+/g, '-')}.json`)
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--quick', '--case', cases, '--out', out],
    { cwd: root, encoding: 'utf8', timeout }
  )
  return { run, report: () => JSON.parse(readFileSync(out, 'utf8')) as BenchReport }
}

describe('npm run bench --quick (smoke)', () => {
  it('runs odata, edmx and result-store and writes a checked report', () => {
    const { run, report: read } = quickBench('odata,edmx,result-store', 60_000)
    expect(run.stderr).not.toMatch(/bench failed/)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('| case | size | variant | runs | min ms | median ms | MB/s | rows/s |')

    const report = read()
    expect(report.quick).toBe(true)
    expect(report.machine.cpus).toBeGreaterThan(0)
    expect(report.cases.map((c) => c.name)).toEqual(['odata', 'edmx', 'result-store'])
    for (const c of report.cases) {
      expect(c.correct).toBe(true)
      expect(c.baselinesCorrect).toBe(true)
      expect(c.targets.length).toBeGreaterThan(0)
      for (const v of c.variants) {
        expect(v.ok).toBe(true)
        expect(v.runs).toHaveLength(2)
        expect(v.medianMs).toBeGreaterThan(0)
        expect(v.peakRssMb).toBeGreaterThan(v.startRssMb * 0.5)
      }
    }
    const odata = report.cases.find((c) => c.name === 'odata')!
    const ours = odata.variants.find((v) => v.variant === 'ours')
    const jsonParse = odata.variants.find((v) => v.variant === 'json-parse')
    expect(ours?.correct).toBe(true)
    // the byte lane and the parsed lane it replaced agree too
    expect(odata.variants.find((v) => v.variant === 'ours-parsed')?.checksum).toBe(ours?.checksum)
    // both read every record of the generated page and agree row for row
    expect(ours?.rows).toBe(jsonParse?.rows)
    expect(ours?.rows).toBeGreaterThan(4000)
    expect(ours?.checksum).toMatch(/^[0-9a-f]{64}$/)
    expect(ours?.checksum).toBe(jsonParse?.checksum)
    expect(ours?.oursSpeedup).toBeUndefined()
    expect(jsonParse?.oursSpeedup).toBeGreaterThan(0)

    const edmx = report.cases.find((c) => c.name === 'edmx')!
    expect(edmx.variants.map((v) => v.extra?.properties)).toEqual([721, 721])

    const store = report.cases.find((c) => c.name === 'result-store')!.variants[0]!
    expect(store.rows).toBe(50_000)
    expect(store.extra?.wrongPages).toBe(0)
    expect(Number(store.extra?.p99Ms)).toBeGreaterThan(0)
  }, 90_000)

  // the RETS cases log in to a Demo MLS child over Basic on loopback: a security default once made every one of
  // them fail while the cases above stayed green
  it('runs the COMPACT search cases (end to end from the Demo MLS, and replayed), checked against fast-xml-parser', () => {
    const { run, report: read } = quickBench('compact-e2e,compact', 150_000)
    expect(run.stderr).not.toMatch(/ERROR|bench failed/)
    expect(run.status).toBe(0)
    const report = read()
    expect(report.cases.map((c) => c.name)).toEqual(['compact-e2e', 'compact'])
    const reference = report.cases[1]!.variants.find((v) => v.variant === 'fast-xml-parser')!
    expect(reference.rows).toBeGreaterThan(0)
    for (const c of report.cases) {
      const ours = c.variants.find((v) => v.variant === 'ours')!
      expect(ours.ok, c.name).toBe(true)
      expect(ours.correct, c.name).toBe(true)
      expect(ours.rows, c.name).toBe(reference.rows)
      expect(ours.checksum, c.name).toBe(reference.checksum)
    }
  }, 180_000)
})
