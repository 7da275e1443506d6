// Case "single-record" (issues 17 item 7 and 23): a reply that is one huge COMPACT record, through the app's RETS
// stack into the result store, with the record cap raised above it. Linear time shows as equal ms per MB across
// sizes; the longest event-loop stall (perf_hooks histogram, 10 ms resolution) is what a user would feel.
import { createHash } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { ResultStore } from '../../src-main/platform/results/result-store'
import { fetchAll } from '../../src-main/protocols/rets/search/search-runner'
import { ourRetsSession } from '../harness/our-rets'
import type { VariantFn } from '../harness/protocol'
import { timedPhaseDone } from '../harness/timed-phase'

const ours: VariantFn = async (p) => {
  const session = ourRetsSession(String(p.url))
  const store = new ResultStore({ dir: String(p.storeDir) })
  const loop = monitorEventLoopDelay({ resolution: 10 })
  try {
    await session.login()
    loop.enable()
    const started = performance.now()
    const summary = await fetchAll(session, { resource: 'Property', class: 'A', query: '(A=*)' }, store, {
      maxRecordBytes: Number(p.maxRecordBytes)
    })
    await store.finish()
    const timedMs = performance.now() - started
    loop.disable()
    timedPhaseDone()
    const page = await store.page(0, 1)
    const values = page.rows[0] ?? []
    const checksum = createHash('sha256').update(values.join('\u0001')).digest('hex')
    return {
      rows: summary.rows,
      bytes: summary.bytes,
      checksum,
      timedMs,
      extra: { maxStallMs: Math.round(loop.max / 1e6), valueBytes: values[0]?.length ?? 0 }
    }
  } finally {
    store.dispose()
  }
}

export const variants = { ours }
