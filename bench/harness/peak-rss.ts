// Peak RSS of this process, in KB. Linux carries ru_maxrss over fork + exec: a child spawned while the parent held
// 300 MB (the photo reply it checks) would report a 300 MB "peak" it never had. VmHWM in /proc/self/status belongs
// to the process's own address space and starts fresh at exec; elsewhere resourceUsage().maxRSS is what there is.
import { readFileSync } from 'node:fs'

export function peakRssKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS
}
