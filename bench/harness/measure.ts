// Runs a variant several times (each in a fresh child), summarises it, and checks variants against a reference.
import { spawnSync } from 'node:child_process'
import { runVariant } from './child-runner'
import type { VariantMeasurement } from './protocol'
import type { CaseReport, TargetCheck, VariantReport, VariantRole } from './report-types'

export interface VariantSpec {
  module: string
  variant: string
  role: VariantRole
  label: string
  params: object
  reps: number
  timeoutMs?: number
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

const r1 = (n: number): number => Math.round(n * 10) / 10

async function runOnce(spec: VariantSpec, i: number, log: (line: string) => void): Promise<VariantMeasurement> {
  // the last run's writes (a 150 MB spill, 1,000 photos) go to disk first: their writeback would otherwise compete
  // with this run's own writes and reads, and a variant would be timed by what ran before it
  spawnSync('sync')
  const m = await runVariant(
    { caseName: spec.module, variant: spec.variant, params: spec.params as Record<string, unknown> },
    spec.timeoutMs ?? 300_000
  )
  log(
    `  ${spec.module}/${spec.variant} #${i + 1}: ${m.ok ? `${Math.round(m.ms)} ms, peak ${m.peakRssMb} MB` : `ERROR ${m.error}`}`
  )
  return m
}

export async function measure(spec: VariantSpec, log: (line: string) => void): Promise<VariantReport> {
  const runs: VariantMeasurement[] = []
  for (let i = 0; i < spec.reps; i++) {
    const m = await runOnce(spec, i, log)
    runs.push(m)
    if (!m.ok) break
  }
  return summarise(spec, runs)
}

/**
 * The variants' repetitions in rounds (A B C, A B C…) instead of one variant after another: a burst of load from
 * elsewhere on the machine then slows a round of every variant rather than all runs of one, so the ratios of
 * variants with short runs (the photo cases: ~1 s each) are not decided by when each happened to run.
 */
export async function measureInterleaved(specs: VariantSpec[], log: (line: string) => void): Promise<VariantReport[]> {
  const runs = specs.map((): VariantMeasurement[] => [])
  const rounds = Math.max(...specs.map((s) => s.reps))
  for (let i = 0; i < rounds; i++)
    for (const [k, spec] of specs.entries()) {
      if (i >= spec.reps || runs[k]!.some((m) => !m.ok)) continue
      runs[k]!.push(await runOnce(spec, i, log))
    }
  return specs.map((spec, k) => summarise(spec, runs[k]!))
}

function summarise(spec: VariantSpec, runs: VariantMeasurement[]): VariantReport {
  const good = runs.filter((m) => m.ok)
  const ok = good.length === runs.length && good.length > 0
  const times = good.map((m) => m.ms)
  const out = good[0]?.output
  const report: VariantReport = {
    variant: spec.variant,
    role: spec.role,
    label: spec.label,
    runs,
    ok,
    minMs: r1(Math.min(...times)),
    medianMs: r1(median(times)),
    peakRssMb: Math.max(0, ...good.map((m) => m.peakRssMb)),
    startRssMb: Math.max(0, ...good.map((m) => m.startRssMb))
  }
  if (!ok) return report
  // every run must produce the same answer; a variant that is not even stable is wrong
  const sums = new Set(good.map((m) => m.output?.checksum))
  if (sums.size > 1) {
    report.correct = false
    report.correctnessNote = 'checksum differs between repetitions'
  }
  if (out?.rows !== undefined) report.rows = out.rows
  if (out?.bytes) report.bytes = out.bytes
  if (out?.checksum !== undefined) report.checksum = out.checksum
  if (out?.extra) report.extra = out.extra
  const seconds = report.medianMs / 1000
  if (out?.bytes) report.mbPerS = r1(out.bytes / 1048576 / seconds)
  if (out?.rows) report.rowsPerS = Math.round(out.rows / seconds)
  return report
}

/** A reference computed outside the timed variants (e.g. from a capture, independently of the code measured). */
export interface ExpectedOutput {
  variant: string
  rows: number
  checksum: string
}

/**
 * Marks each variant correct / FAIL against the reference variant's rows and checksum (and an expected row count
 * when the case knows it). Variants without a checksum (the floor) are left unmarked.
 */
export function guard(variants: VariantReport[], reference: string | ExpectedOutput, expectedRows?: number): boolean {
  const ref = typeof reference === 'string' ? variants.find((v) => v.variant === reference) : reference
  let all = true
  for (const v of variants) {
    if (!v.ok) {
      v.correct = false
      v.correctnessNote ??= 'did not finish'
      all = false
      continue
    }
    if (v.correct === false) {
      all = false
      continue
    }
    if (v.checksum === undefined || v.rows === undefined) continue
    const problems: string[] = []
    if (expectedRows !== undefined && v.rows !== expectedRows) problems.push(`${v.rows} rows, expected ${expectedRows}`)
    if (ref && ref !== v && ref.checksum !== undefined && v.checksum !== ref.checksum)
      problems.push(`checksum differs from ${ref.variant}`)
    if (ref && ref !== v && ref.rows !== undefined && v.rows !== ref.rows)
      problems.push(`${v.rows} rows vs ${ref.rows} in ${ref.variant}`)
    v.correct = problems.length === 0
    if (problems.length) {
      v.correctnessNote = problems.join('; ')
      all = false
    }
  }
  return all
}

/** Fills `oursSpeedup` on each baseline/floor row: baseline median time ÷ ours median time. */
export function speedups(variants: VariantReport[], oursName = 'ours'): void {
  const ours = variants.find((v) => v.variant === oursName)
  if (!ours?.ok) return
  for (const v of variants) {
    if (v === ours || !v.ok || v.role === 'server' || v.role === 'ours') continue
    v.oursSpeedup = Math.round((v.medianMs / ours.medianMs) * 100) / 100
  }
}

export function target(target: string, measured: string, met: boolean): TargetCheck {
  return { target, measured, met }
}

export function caseReport(
  name: string,
  title: string,
  size: string,
  variants: VariantReport[],
  targets: TargetCheck[],
  notes: string[] = []
): CaseReport {
  const good = (v: VariantReport): boolean => v.ok && v.correct !== false
  const own = variants.filter((v) => v.role === 'ours' || v.role === 'floor')
  const baselines = variants.filter((v) => v.role === 'baseline')
  const wrongBaselines = baselines.filter((v) => !good(v)).map((v) => `${v.variant}: ${v.correctnessNote ?? 'failed'}`)
  return {
    name,
    title,
    size,
    variants,
    targets,
    correct: own.every(good),
    baselinesCorrect: baselines.every(good),
    notes: [...notes, ...wrongBaselines.map((w) => `baseline FAIL, so its ratio is no valid claim — ${w}`)]
  }
}

/** "177 MB (+75 over the 102 MB node + tsx start)": the growth is what the measured work itself costs. */
export function rssText(v: VariantReport | undefined): string {
  if (!v?.ok) return 'n/a'
  return `${v.peakRssMb} MB (+${Math.round(v.peakRssMb - v.startRssMb)} over the ${Math.round(v.startRssMb)} MB node + tsx start)`
}
