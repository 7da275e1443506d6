// Peak RSS of this process, in KB. Linux carries ru_maxrss over fork + exec: a child spawned while the parent held
// 300 MB (the photo reply it checks) would report a 300 MB "peak" it never had. VmHWM in /proc/self/status belongs
// to the process's own address space and starts fresh at exec; elsewhere resourceUsage().maxRSS is what there is.
import { readFileSync, writeFileSync } from 'node:fs'

export function peakRssKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS
}

/** Starts the peak over (Linux: `5` to /proc/self/clear_refs resets VmHWM), so one phase's peak can be read. */
export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // not Linux: the peak stays the process's whole-life one
  }
}

/** Peak RSS in MB, to a tenth. */
export function peakRssMb(): number {
  return Math.round((peakRssKb() / 1024) * 10) / 10
}

/** What a server child answers to 'rss': its peak and current RSS (MB) and the CPU its threads used so far (ms). */
export function serverUsage(): { peakRssMb: number; rssMb: number; cpuMs: number } {
  const cpu = process.cpuUsage()
  return {
    peakRssMb: peakRssMb(),
    rssMb: Math.round((process.memoryUsage().rss / 1048576) * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000)
  }
}
