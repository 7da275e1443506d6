// Big Demo MLS replies are streamed, never built whole before the first byte goes out: the client sees the reply
// start while the server has produced only a small part of it (photos rendered, rows generated, metadata blocks).
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'

let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: 1500, auth: 'basic', gzip: false, maxRows: 5000 })
})
afterAll(async () => {
  await mls.close()
})

/** GETs `path` and returns what `probe()` said when the status line arrived, then drains the body. */
function probeAtHeaders<T>(
  path: string,
  probe: () => T
): Promise<{ atHeaders: T; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${mls.url}${path}`,
      { headers: { Authorization: `Basic ${Buffer.from('demo:demo-pass').toString('base64')}` } },
      (res) => {
        const atHeaders = probe()
        let bytes = 0
        res.on('data', (c: Buffer) => (bytes += c.length))
        res.on('end', () => resolve({ atHeaders, headers: res.headers, bytes }))
        res.on('error', reject)
      }
    )
    req.on('error', reject)
  })
}

describe('streamed replies', () => {
  it('GetObject multipart: the reply starts before every photo is rendered', async () => {
    const data = mls.ctx.data
    const original = data.photoChunks.bind(data)
    let rendered = 0
    data.photoChunks = (...args) => {
      rendered++
      return original(...args)
    }
    try {
      const listings = [...data.listings()].filter((l) => l.PhotosCount > 0).slice(0, 12)
      const total = listings.reduce((n, l) => n + l.PhotosCount, 0)
      expect(total).toBeGreaterThan(20)
      const id = listings.map((l) => `${l.ListingKey}:*`).join(',')
      const r = await probeAtHeaders(`/rets/GetObject?Resource=Property&Type=HiRes&ID=${id}`, () => rendered)
      expect(r.headers['content-type']).toMatch(/^multipart\/parallel/)
      expect(rendered).toBe(total)
      expect(r.atHeaders).toBeLessThan(total / 2)
    } finally {
      data.photoChunks = original
    }
  })

  it('STANDARD-XML search: the reply starts before every row is generated', async () => {
    const data = mls.ctx.data
    const original = data.listingViews.bind(data)
    let generated = 0
    data.listingViews = function* (...args: Parameters<typeof original>): Generator<Listing> {
      for (const l of original(...args)) {
        generated++
        yield l
      }
    }
    try {
      const q = new URLSearchParams({
        SearchType: 'Property',
        Class: 'A',
        QueryType: 'DMQL2',
        Query: '(LIST_1=0+)',
        Format: 'STANDARD-XML',
        Limit: 'NONE'
      })
      const r = await probeAtHeaders(`/rets/Search?${q}`, () => generated)
      expect(r.headers['transfer-encoding']).toBe('chunked')
      expect(generated).toBeGreaterThanOrEqual(1000)
      expect(r.atHeaders).toBeLessThan(generated / 2)
    } finally {
      data.listingViews = original
    }
  })

  it('GetMetadata: the full dump is sent in chunks as it is written', async () => {
    const r = await probeAtHeaders('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=*&Format=STANDARD-XML', () => 0)
    expect(r.headers['transfer-encoding']).toBe('chunked')
    expect(r.headers['content-length']).toBeUndefined()
    expect(r.bytes).toBeGreaterThan(50_000)
  })
})
