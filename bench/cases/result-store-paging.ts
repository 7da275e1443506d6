// Case "result-store": 1M generated rows appended to a ResultStore, then random 200-row page reads (what the
// results grid asks for while scrolling). Every page read is checked against the generator.
import { randomInt } from 'node:crypto'
import { ResultStore } from '../../src-main/platform/results/result-store'
import { percentile } from '../harness/measure'
import type { VariantFn } from '../harness/protocol'

export interface StoreParams {
  rows: number
  pageReads: number
  pageSize: number
  storeDir: string
}

const CITIES = ['Bismarck', 'Cañon City', 'Lafayette', 'Santa Fe', 'Zürich Park']

function row(i: number): string[] {
  return [
    String(20_000_000 + i),
    String(1_000_000 + i),
    i % 3 ? 'Active' : 'Closed',
    `${100_000 + ((i * 7919) % 900_000)}.00`,
    `${(i * 31) % 9999} Main St, ${CITIES[i % 5]}`,
    CITIES[i % 5]!,
    String(1 + (i % 6)),
    i % 7 ? '' : 'with "quotes", commas\tand tabs',
    new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()
  ]
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as StoreParams
  const store = new ResultStore({ dir: p.storeDir })
  store.setColumns(row(0).map((_, i) => ({ name: `C${i}` })))
  const t0 = performance.now()
  for (let i = 0; i < p.rows; i++) store.append(row(i))
  await store.finish()
  const appendMs = performance.now() - t0
  const latencies: number[] = []
  let wrong = 0
  for (let r = 0; r < p.pageReads; r++) {
    const offset = randomInt(0, Math.max(1, p.rows - p.pageSize))
    const s = performance.now()
    const page = await store.page(offset, p.pageSize)
    latencies.push(performance.now() - s)
    const last = offset + page.rows.length - 1
    if (
      page.rows.length !== p.pageSize ||
      page.rows[0]?.join('\u001f') !== row(offset).join('\u001f') ||
      page.rows.at(-1)?.join('\u001f') !== row(last).join('\u001f')
    )
      wrong++
  }
  const total = store.total
  store.dispose()
  const r2 = (n: number): number => Math.round(n * 100) / 100
  return {
    rows: total,
    bytes: 0,
    timedMs: appendMs,
    extra: {
      pageReads: p.pageReads,
      pageSize: p.pageSize,
      p50Ms: r2(percentile(latencies, 50)),
      p99Ms: r2(percentile(latencies, 99)),
      maxMs: r2(Math.max(...latencies)),
      wrongPages: wrong
    }
  }
}

export const variants: Record<string, VariantFn> = { ours }
