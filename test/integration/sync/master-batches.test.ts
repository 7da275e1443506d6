// The master list (every key and stamp of a feed) streams in batches for RESO and Spark as it does for RETS, over real
// HTTP against the Demo MLS: the first batch arrives while most of the list is still on the server, no batch is
// larger than a few thousand entries, and together they are the whole list once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { MasterEntry } from '../../../src-main/features/sync/sync-types'
import { HARNESSES } from './support/sync-harness'

const LISTINGS = 12_000

describe('master lists in batches (RESO, Spark)', () => {
  let demo: DemoMls
  beforeAll(async () => {
    demo = await startDemoMls({ listings: LISTINGS })
  })
  afterAll(async () => demo?.close())

  for (const protocol of ['reso', 'spark'] as const) {
    it(`${protocol}: streams the list, bounded batches, every key once`, async () => {
      const listPath = protocol === 'reso' ? '/Reso/OData/Property' : '/v1/listings'
      let requests = 0
      const watch = (req: { url?: string }): void => {
        if (new URL(req.url ?? '', demo.url).pathname === listPath) requests++
      }
      const source = HARNESSES[protocol].sources(demo.url, 1000)[0]!
      await source.shape()
      demo.server.on('request', watch)
      try {
        const batches: MasterEntry[][] = []
        let requestsAtFirst = 0
        for await (const batch of source.masterBatches!()) {
          if (!batches.length) requestsAtFirst = requests
          batches.push(batch)
        }
        const keys = batches.flat().map((e) => e.id)
        expect(new Set(keys).size).toBe(LISTINGS)
        expect(keys.length).toBe(LISTINGS)
        expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(5000)
        expect(batches.length).toBeGreaterThan(2)
        // the first batch came while most pages were still to be asked for
        expect(requestsAtFirst).toBeLessThan(requests / 2)
      } finally {
        demo.server.off('request', watch)
      }
    })
  }
})
