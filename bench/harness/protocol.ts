// What the bench parent and its child processes say to each other (JSON over the fork IPC channel).

/** What one variant run hands back: enough to compute throughput and to check it against the other variants. */
export interface VariantOutput {
  /** rows (or records, photos, pages) produced */
  rows?: number
  /** input bytes processed (body size) */
  bytes: number
  /** sha256 over the produced rows or files, comparable between variants of one case */
  checksum?: string
  /** case-specific numbers: first-row latency, page p99 … */
  extra?: Record<string, number | string | boolean>
  /** ms of the part that counts, when the variant excludes set-up or verification itself */
  timedMs?: number
}

export interface VariantRequest {
  caseName: string
  variant: string
  params: Record<string, unknown>
}

export interface VariantMeasurement {
  ok: boolean
  error?: string
  /** wall time of the variant, without process start and without the after-run verification */
  ms: number
  /** peak RSS of the child over its whole life (VmHWM, see harness/peak-rss.ts) */
  peakRssMb: number
  /** RSS when the variant started (node + tsx + imports), to read the peak against */
  startRssMb: number
  output?: VariantOutput
}

/** A variant body: runs inside a fresh child process. */
export type VariantFn = (params: Record<string, unknown>) => Promise<VariantOutput>
