// The stdout report: one table of every variant of every case, then one table of the targets.
import type { BenchReport, VariantReport } from './report-types'

function fmt(n: number | undefined, digits = 0): string {
  if (n === undefined || !Number.isFinite(n)) return '–'
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

function check(v: VariantReport): string {
  if (!v.ok) return `FAIL (${v.runs.find((r) => !r.ok)?.error ?? 'error'})`
  if (v.correct === false) return `FAIL (${v.correctnessNote ?? 'wrong'})`
  if (v.correct === true) return 'ok'
  return '–'
}

function ratio(v: VariantReport): string {
  if (v.oursSpeedup === undefined) return v.variant === 'ours' ? '1' : '–'
  return v.role === 'floor' ? `${fmt(v.oursSpeedup * 100)} % of floor` : `${fmt(v.oursSpeedup, 2)}×`
}

export function markdown(report: BenchReport): string {
  const lines: string[] = []
  lines.push(`# npm run bench${report.quick ? ' --quick' : ''} — ${report.finishedAt}`)
  lines.push('')
  lines.push(
    `${report.machine.cpus} × ${report.machine.cpuModel}, node ${report.machine.node}, total ${fmt(report.totalSeconds, 1)} s`
  )
  lines.push('')
  lines.push(
    '| case | size | variant | runs | min ms | median ms | MB/s | rows/s | peak RSS MB (at start) | correct | ours vs this |'
  )
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|')
  for (const c of report.cases) {
    for (const v of c.variants) {
      const name = v.role === 'ours' ? `**${v.variant}**: ${v.label}` : `${v.variant}: ${v.label}`
      const timed = v.role !== 'server'
      lines.push(
        `| ${c.name} | ${c.size} | ${name} | ${timed ? v.runs.length : '–'} | ${timed ? fmt(v.minMs) : '–'} | ${timed ? fmt(v.medianMs) : '–'} | ${fmt(v.mbPerS, 1)} | ${fmt(v.rowsPerS)} | ${fmt(v.peakRssMb)} (${fmt(v.startRssMb)}) | ${check(v)} | ${ratio(v)} |`
      )
    }
  }
  lines.push('')
  lines.push('| case | target | measured | met |')
  lines.push('|---|---|---|---|')
  for (const c of report.cases)
    for (const t of c.targets) lines.push(`| ${c.name} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`)
  const notes = report.cases.flatMap((c) => c.notes.map((n) => `- ${c.name}: ${n}`))
  const extras = report.cases.flatMap((c) =>
    c.variants
      .filter((v) => v.extra && (v.role === 'ours' || v.role === 'server'))
      .map(
        (v) =>
          `- ${c.name} ${v.variant}: ${Object.entries(v.extra ?? {})
            .map(([k, x]) => `${k}=${x}`)
            .join(', ')}`
      )
  )
  if (extras.length || notes.length) lines.push('', ...extras, ...notes)
  lines.push('')
  return lines.join('\n')
}
