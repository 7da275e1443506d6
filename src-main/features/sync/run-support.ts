// What a sync run is told (options, progress) and the small rules both of its passes follow: progress as a rate with
// an ETA, one more read after a connection reset, and cancelling between batches.
import { performance } from 'node:perf_hooks'
import type { RunRow } from './sync-types'

/** the cursor a run records once pass 1 is through: a resume goes straight to the reconcile pass */
export const CHANGES_DONE = '#changes-done'

export type SyncPhase = 'plan' | 'changes' | 'master' | 'fetch' | 'deletes'

export interface SyncProgress {
  phase: SyncPhase
  done: number
  total?: number
  /** records per second in this phase */
  rate: number
  etaSeconds?: number
}

export interface SyncRunOptions {
  overlapSeconds?: number
  /** pass 2 (deletes and missed records); on by default */
  reconcile?: boolean
  signal?: AbortSignal
  onProgress?: (p: SyncProgress) => void
  /** after every committed transaction (tests kill the process here) */
  onCommit?: (run: RunRow) => void
  /** collect the keys this run inserted or changed (at most this many), for photos that follow the data */
  collectChanged?: number
  /** records per transaction at most, for a synchronous store (changes-pass.ts: MAX_BATCH unless given) */
  maxBatch?: number
}

export function meter(phase: SyncPhase, options: SyncRunOptions): (done: number, total?: number) => void {
  const started = performance.now()
  return (done, total) => {
    const rate = done / Math.max(0.001, (performance.now() - started) / 1000)
    const p: SyncProgress = { phase, done, rate }
    if (total !== undefined) {
      p.total = total
      if (rate > 0) p.etaSeconds = Math.max(0, Math.round((total - done) / rate))
    }
    options.onProgress?.(p)
  }
}

/**
 * Reads are idempotent, so a connection reset is worth one more try: a batch's commit can outlast the server's
 * keep-alive timeout, and the next request then goes out on a socket the server has just closed.
 */
export async function onceMoreOnReset<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (err) {
    if (!isReset(err)) throw err
    return read()
  }
}

export function isReset(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'HTTP_ECONNRESET'
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return
  const e = new Error('The sync was cancelled; the next run resumes from the last committed batch.')
  e.name = 'AbortError'
  throw e
}
