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
