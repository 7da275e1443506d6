// Variants that verify their output after the clock stops (reading a million rows back, hashing files) call
// timedPhaseDone() first, so the peak RSS reported is the one of the work being measured, not of the check.
import { peakRssKb } from './peak-rss'

let peakKb: number | undefined

export function timedPhaseDone(): void {
  peakKb = peakRssKb()
}

/** peak RSS (KB) when the timed phase ended, if the variant marked it */
export function timedPhasePeakKb(): number | undefined {
  return peakKb
}

/** CPU this process used since `from` (process.cpuUsage()): user = JS, parsing, hashing, copies; system = the
 * kernel's socket and file work, the thread pool's writes included. */
export function cpuSince(from: NodeJS.CpuUsage): { cpuUserMs: number; cpuSysMs: number } {
  const used = process.cpuUsage(from)
  return { cpuUserMs: Math.round(used.user / 1000), cpuSysMs: Math.round(used.system / 1000) }
}
