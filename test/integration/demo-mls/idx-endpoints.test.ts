// The IDX API on the Demo MLS: updated-since queries with <Pagination>, the master list in both formats,
// fetch by ID list, and deletions / status changes leaving the master list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { TestRetsClient, compactRows, replyCodeOf } from '../../support/demo-rets-client'

let mls: DemoMls
let client: TestRetsClient
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (n) => ['Property', 'PropertyDetails', 'Agent', 'AgentDetails', 'OfficeDetails'].includes(n)
})
const inFeed = (l: Listing) => ['Active', 'ActiveUnderContract', 'Pending'].includes(l.StandardStatus)

beforeAll(async () => {
  mls = await startDemoMls({ listings: 400 })
  client = new TestRetsClient(mls.url, { username: 'idx', password: 'idx-pass' })
  const login = await client.request('/idx/Login.svc/Login')
  expect(login.text).toContain('Search=/idx/Search.svc/Search')
})
afterAll(async () => {
  await mls.close()
})

const search = (q: Record<string, string>) =>
  client.request(
    `/idx/Search.svc/Search?${new URLSearchParams({ SearchType: 'Property', Class: 'Property', QueryType: 'DMQL2', ...q })}`
  )

describe('IDX API search & sync', () => {
  it('returns records updated since a date with a Pagination element', async () => {
    const since = '2026-01-01T00:00:00Z'
    const expected = [...mls.ctx.data.listings()].filter((l) => inFeed(l) && l.ModificationTimestamp >= since)
    const r = await search({
      Query: `(LastUpdated=${since})`,
      Format: 'STANDARD-XML',
      Limit: '10',
      Offset: '11',
      Count: '1'
    })
    const body = xml.parse(r.text).RETS['RETS-RESPONSE']
    expect(body['@xmlns']).toBe('MLSIDXAPI.Search.Property')
    expect(body.Pagination).toEqual({
      TotalRecords: expected.length,
      Limit: 10,
      Offset: 11,
      TotalPages: Math.ceil(expected.length / 10),
      RecordsReturned: 10
    })
    const details = body.PropertyDetails as Array<Record<string, unknown>>
    expect(details.map((d) => String(d.ID))).toEqual(expected.slice(10, 20).map((l) => l.ListingKey))
    expect(details[0]?.LastUpdated).toBe(new Date(expected[10]?.ModificationTimestamp ?? '').toUTCString())
  })

  it('serves the master list: full set in STANDARD-XML, paged in COMPACT', async () => {
    const feed = [...mls.ctx.data.listings()].filter(inFeed)
    const std = xml.parse((await search({ Query: '(ID=*)', Format: 'STANDARD-XML', Limit: '5' })).text)
    const items = std.RETS['RETS-RESPONSE'].Property as Array<Record<string, string>>
    expect(items).toHaveLength(feed.length)
    expect(items[0]).toEqual({
      '@ID': feed[0]?.ListingKey,
      '@LastUpdated': new Date(feed[0]?.ModificationTimestamp ?? '').toUTCString()
    })

    const compact = await search({
      Format: 'COMPACT',
      Select: '(ListingKey,ModificationTimestamp)',
      Query: '(LastUpdated=2000-01-01)',
      Limit: '20',
      Offset: '21',
      Count: '1'
    })
    expect(compact.text).toContain(`<COUNT Records="${feed.length}"/>`)
    const rows = compactRows(compact.text)
    expect(rows.map((x) => x.ListingKey)).toEqual(feed.slice(20, 40).map((l) => l.ListingKey))
    expect(rows[0]?.ModificationTimestamp).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} [AP]M$/)
  })

  it('fetches records by ID list and Agent / Office resources', async () => {
    const feed = [...mls.ctx.data.listings()].filter(inFeed)
    const ids = [feed[3], feed[7]].map((l) => l?.ListingKey ?? '')
    const r = xml.parse((await search({ Query: `(ID=${ids.join(',')})` })).text)
    expect((r.RETS['RETS-RESPONSE'].PropertyDetails as Array<{ ID: number }>).map((d) => String(d.ID))).toEqual(ids)

    const agents = await client.request(
      '/idx/Search.svc/Search?SearchType=Agent&Class=Agent&Query=(ID=*)&Format=COMPACT&Limit=5'
    )
    expect(compactRows(agents.text)).toHaveLength(5)
    const office = mls.ctx.data.offices()[0]
    const offices = xml.parse(
      (await client.request(`/idx/Search.svc/Search?SearchType=Office&Class=Office&Query=(ID=${office?.OfficeKey})`))
        .text
    )
    expect(offices.RETS['RETS-RESPONSE'].OfficeDetails[0].Name).toBe(office?.OfficeName)
  })

  it('drops deleted and closed listings from the master list and reports changed ones as updated', async () => {
    const feed = [...mls.ctx.data.listings()].filter(inFeed)
    const [gone, closed, changed] = feed
    mls.ctx.data.remove(gone?.ListingKey ?? '')
    mls.ctx.data.update(closed?.ListingKey ?? '', { StandardStatus: 'Closed', ClosePrice: 1 })
    const updated = mls.ctx.data.update(changed?.ListingKey ?? '', { ListPrice: 123456 })
    const master = xml.parse((await search({ Query: '(ID=*)' })).text).RETS['RETS-RESPONSE'].Property as Array<
      Record<string, string>
    >
    const ids = master.map((p) => p['@ID'])
    expect(ids).not.toContain(gone?.ListingKey)
    expect(ids).not.toContain(closed?.ListingKey)
    expect(ids).toHaveLength(feed.length - 2)
    const since = await search({ Query: `(LastUpdated=${updated?.ModificationTimestamp})` })
    const details = xml.parse(since.text).RETS['RETS-RESPONSE'].PropertyDetails as Array<{ ID: number; Price: number }>
    expect(details.map((d) => [String(d.ID), d.Price])).toEqual([[changed?.ListingKey, 123456]])
  })

  it('answers bad queries with 20206 and empty results with 20201', async () => {
    expect(replyCodeOf((await search({ Query: '(ListPrice=1+)' })).text)).toBe(20206)
    expect(replyCodeOf((await search({ Query: '(LastUpdated=yesterday)' })).text)).toBe(20206)
    expect(replyCodeOf((await search({ Query: '(LastUpdated=2099-01-01T00:00:00Z)' })).text)).toBe(20201)
  })
})
