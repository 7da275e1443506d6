// `npm run bench [-- --quick] [--case NAME …]`: every case in child processes, ratios against baselines measured
// in the same run, a Markdown table on stdout and bench/results/latest.json. See bench/README.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CASE_NAMES, FULL, QUICK, type BenchContext } from './harness/bench-context'
import { markdown } from './harness/markdown'
import type { BenchReport, CaseReport } from './harness/report-types'
import { runDemoMlsPlan } from './plans/demo-mls-plan'
import { runLocalPlan } from './plans/local-plan'
import { runReplayPlan } from './plans/replay-plan'
import { runSingleRecordPlan } from './plans/single-record-plan'
import { runSyncPlan } from './plans/sync-plan'
import { runTreePlan } from './plans/tree-plan'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      case: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    process.stdout.write(
      `Usage: npm run bench -- [--quick] [--case NAME ...] [--out FILE]\nCases: ${CASE_NAMES.join(', ')}\n`
    )
    return 0
  }
  const selected = values.case?.flatMap((c) => c.split(',')) ?? [...CASE_NAMES]
  const unknown = selected.filter((c) => !(CASE_NAMES as readonly string[]).includes(c))
  if (unknown.length) {
    process.stderr.write(`Unknown case(s): ${unknown.join(', ')}. Cases: ${CASE_NAMES.join(', ')}\n`)
    return 2
  }
  const quick = values.quick ?? false
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mlswb-bench-'))
  const ctx: BenchContext = {
    quick,
    sizes: quick ? QUICK : FULL,
    tmp,
    want: (name) => selected.includes(name),
    named: (name) => values.case !== undefined && selected.includes(name),
    log: (line) => process.stderr.write(`${line}\n`)
  }
  const startedAt = new Date()
  const cases: CaseReport[] = []
  try {
    const demo = await runDemoMlsPlan(ctx)
    const replay = await runReplayPlan(ctx, demo.captures)
    // the end-to-end rows must also match the replayed reference (same body, parsed independently)
    const reference = replay.find((c) => c.name === 'compact')?.variants.find((v) => v.variant === 'fast-xml-parser')
    const e2eOurs = demo.report?.variants.find((v) => v.variant === 'ours')
    if (demo.report && e2eOurs?.ok && reference?.checksum && e2eOurs.checksum !== reference.checksum) {
      e2eOurs.correct = false
      e2eOurs.correctnessNote = 'row checksum differs from fast-xml-parser over the same body'
      demo.report.correct = false
    }
    if (demo.report) cases.push(demo.report)
    if (demo.serverReport) cases.push(demo.serverReport)
    cases.push(...replay)
    cases.push(...(await runLocalPlan(ctx, demo.captures)))
    cases.push(...(await runSingleRecordPlan(ctx)))
    const sync = await runSyncPlan(ctx)
    if (sync) cases.push(sync)
    cases.push(...(await runTreePlan(ctx, demo.captures)))
  } finally {
    // BENCH_KEEP_FILES=1 (see get-object-case.ts) is for a look afterwards: the folders are under tmp
    if (process.env.BENCH_KEEP_FILES) process.stderr.write(`kept ${tmp}\n`)
    else rmSync(tmp, { recursive: true, force: true })
  }
  const finishedAt = new Date()
  const cpus = os.cpus()
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    quick,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      totalMemMb: Math.round(os.totalmem() / 1048576)
    },
    totalSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    cases: CASE_NAMES.flatMap((name) => cases.filter((c) => c.name === name))
  }
  const out = values.out ?? path.join(fileURLToPath(new URL('.', import.meta.url)), 'results', 'latest.json')
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(markdown(report))
  process.stderr.write(`wrote ${out}\n`)
  // a wrong answer is a failure of the bench run; a missed speed target is reported, not an error
  return cases.every((c) => c.correct) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  }
)
