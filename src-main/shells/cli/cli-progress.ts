// The progress line on stderr — only when stderr is a terminal (a log file or a pipe gets none), redrawn in place:
// a bar when the total is known, the count, the rate and the time left.
import type { JobProgress } from '../../../contract/job-channels'

const WIDTH = 24

export function progressLine(p: JobProgress): string {
  const rate = p.rate && p.rate > 0 ? ` ${p.rate >= 10 ? Math.round(p.rate) : p.rate.toFixed(1)} ${p.unit}/s` : ''
  if (p.total !== undefined && p.total > 0) {
    const share = Math.min(1, p.done / p.total)
    const filled = Math.round(share * WIDTH)
    const left = p.rate && p.rate > 0 ? ` ETA ${duration((p.total - p.done) / p.rate)}` : ''
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${p.done}/${p.total} ${p.unit}${rate}${left}`
  }
  return `${p.done} ${p.unit}${rate}${p.message ? ` — ${p.message}` : ''}`
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const s = Math.round(seconds)
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${s % 60}s`
      : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
}

export class ProgressBar {
  private shown = false

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(p: JobProgress): void {
    const line = progressLine(p).slice(0, Math.max(20, (this.stream.columns || 80) - 1))
    this.stream.write(`\r\x1b[2K${line}`)
    this.shown = true
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K')
    this.shown = false
  }
}
