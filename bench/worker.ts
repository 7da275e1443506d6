// Child process entry: runs exactly one variant of one case and reports time and peak RSS. A fresh process per run,
// so the peak RSS is that variant's own and nothing is left warm from another variant.
import type { VariantMeasurement, VariantRequest } from './harness/protocol'
import { loadCase } from './cases/registry'
import { timedPhasePeakKb } from './harness/timed-phase'
import { peakRssKb } from './harness/peak-rss'

const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10

process.once('message', (msg: VariantRequest) => {
  void run(msg).then((m) => {
    process.send?.(m, () => process.exit(0))
  })
})

async function run(req: VariantRequest): Promise<VariantMeasurement> {
  const mod = await loadCase(req.caseName)
  const fn = mod.variants[req.variant]
  await mod.preload?.[req.variant]?.()
  const startRssMb = mb(process.memoryUsage().rss)
  if (!fn) return { ok: false, error: `no variant ${req.variant} in ${req.caseName}`, ms: 0, peakRssMb: 0, startRssMb }
  const started = performance.now()
  try {
    const output = await fn(req.params)
    const ms = output.timedMs ?? performance.now() - started
    const peakKb = timedPhasePeakKb() ?? peakRssKb()
    return { ok: true, ms, peakRssMb: mb(peakKb * 1024), startRssMb, output }
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    return {
      ok: false,
      error,
      ms: performance.now() - started,
      peakRssMb: mb(peakRssKb() * 1024),
      startRssMb
    }
  }
}
