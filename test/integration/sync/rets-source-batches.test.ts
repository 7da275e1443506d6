// Where the RETS source ends its streamed batches (each one a transaction and a resume point), over real HTTP
// against the Demo MLS: every few thousand records and at every page's end by default; where the sink says a batch
// is due when it has one (ChangeSink.due), even across pages. Every batch's cursor resumes right after its last
// record, so reading from any of them gives the records that followed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { ChangeSink, SyncSource } from '../../../src-main/features/sync/sync-types'
import { HARNESSES } from './support/sync-harness'

interface Batch {
  records: number
  next: string | undefined
}

async function batches(source: SyncSource, due?: (records: number) => boolean, cursor?: string) {
  const out: Batch[] = []
  const keys: string[] = []
  let records = 0
  const sink: ChangeSink = {
    add: (record) => {
      records++
      keys.push(record.key)
    },
    end: (next) => {
      out.push({ records, next })
      records = 0
    },
    ...(due ? { due } : {})
  }
  await source.streamChanges!(undefined, cursor, sink)
  return { batches: out, keys }
}

describe('RETS source: streamed batches', () => {
  let demo: DemoMls
  beforeAll(async () => {
    demo = await startDemoMls({ listings: 1500 })
  })
  afterAll(async () => demo?.close())

  it('end at each page by default, and where the sink says they are due, across pages', async () => {
    const source = (): SyncSource => HARNESSES.rets.sources(demo.url, 200)[0]!
    const paged = await batches(source())
    const total = paged.keys.length
    expect(total).toBeGreaterThan(600)
    // 200-record pages: a batch per page, the last one shorter
    expect(paged.batches.slice(0, -1).every((b) => b.records === 200)).toBe(true)
    expect(paged.batches.at(-1)!.next).toBeUndefined()

    const due = await batches(source(), (n) => n >= 500)
    expect(due.keys).toEqual(paged.keys)
    expect(due.batches.map((b) => b.records)).toEqual([
      ...Array<number>(Math.floor(total / 500)).fill(500),
      ...(total % 500 ? [total % 500] : [])
    ])
    // the second batch ends mid-page (record 1,000 is the 200th of page 5): its cursor reads on from record 1,001
    const resumed = await batches(source(), (n) => n >= 500, due.batches[1]!.next)
    expect(resumed.keys).toEqual(paged.keys.slice(1000))
  })

  it('reads the master list (keys and stamps) in pages ten times the record page', async () => {
    const limits: string[] = []
    const watch = (req: { url?: string }): void => {
      const params = new URL(req.url ?? '', demo.url).searchParams
      if (params.get('Select')) limits.push(params.get('Limit') ?? '')
    }
    demo.server.on('request', watch)
    try {
      const source = HARNESSES.rets.sources(demo.url, 200)[0]!
      const master = await source.masterList()
      const changes = await batches(HARNESSES.rets.sources(demo.url, 200)[0]!)
      expect(master.map((e) => e.id).sort()).toEqual([...changes.keys].sort())
      // ~1,000 class A keys: one request of 2,000 rows instead of five of 200
      expect(limits).toEqual(['2000'])
    } finally {
      demo.server.off('request', watch)
    }
  })
})
