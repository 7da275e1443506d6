// The shape of bench/results/latest.json (also what the smoke test checks).
import type { VariantMeasurement } from './protocol'

export type VariantRole = 'ours' | 'baseline' | 'floor' | 'server'

export interface VariantReport {
  variant: string
  role: VariantRole
  label: string
  runs: VariantMeasurement[]
  ok: boolean
  minMs: number
  medianMs: number
  /** input MB per second at the median */
  mbPerS?: number
  rowsPerS?: number
  peakRssMb: number
  startRssMb: number
  rows?: number
  bytes?: number
  checksum?: string
  /** undefined = nothing to compare; false = FAIL (wrong rows / checksum) */
  correct?: boolean
  correctnessNote?: string
  /** ours ÷ this, in throughput (>1: ours is faster); only on baseline/floor rows */
  oursSpeedup?: number
  extra?: Record<string, number | string | boolean>
}

export interface TargetCheck {
  target: string
  measured: string
  met: boolean
}

export interface CaseReport {
  name: string
  title: string
  size: string
  variants: VariantReport[]
  targets: TargetCheck[]
  /** ours (and the floor's byte check) ran and agreed with the reference: false fails the bench run */
  correct: boolean
  /** every baseline ran and agreed too (a wrong baseline is shown as FAIL; the run still passes) */
  baselinesCorrect: boolean
  notes: string[]
}

export interface BenchReport {
  startedAt: string
  finishedAt: string
  quick: boolean
  machine: { cpus: number; cpuModel: string; node: string; platform: string; totalMemMb: number }
  totalSeconds: number
  cases: CaseReport[]
}
