// RETS Search on the Demo MLS: the three formats, Select, Limit/Offset paging under the server cap, Count 0/1/2,
// MAXROWS, StandardNames, RestrictedIndicator, POST, error replies, and streaming in large mode.
import http from 'node:http'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { TestRetsClient, compactRows, replyCodeOf } from '../../support/demo-rets-client'

let mls: DemoMls
let client: TestRetsClient
let residentialActive: Listing[]

beforeAll(async () => {
  mls = await startDemoMls({ listings: 2000, maxRows: 100 })
  client = new TestRetsClient(mls.url, { username: 'demo', password: 'demo-pass' })
  await client.login()
  residentialActive = [...mls.ctx.data.listings()].filter(
    (l) => l.PropertyType === 'Residential' && l.StandardStatus === 'Active'
  )
})
afterAll(async () => {
  await mls.close()
})

const ACTIVE = '(LIST_15=|OV61GOJ13C0)'
const search = (q: Record<string, string>) =>
  client.request(
    `/rets/Search?${new URLSearchParams({ SearchType: 'Property', Class: 'A', QueryType: 'DMQL2', ...q })}`
  )

describe('RETS Search', () => {
  it('COMPACT: DELIMITER, COLUMNS in Select order, lookup codes, decimals, streamed chunked', async () => {
    const r = await search({ Query: ACTIVE, Format: 'COMPACT', Select: 'LIST_1,LIST_15,LIST_22,LIST_39', Limit: '5' })
    expect(r.headers.get('transfer-encoding')).toBe('chunked')
    expect(r.text).toContain('<DELIMITER value="09"/>')
    expect(r.text).toContain('<COLUMNS>\tLIST_1\tLIST_15\tLIST_22\tLIST_39\t</COLUMNS>')
    const rows = compactRows(r.text)
    expect(rows).toHaveLength(5)
    expect(rows[0]).toEqual({
      LIST_1: residentialActive[0]?.ListingKey,
      LIST_15: 'OV61GOJ13C0',
      LIST_22: residentialActive[0]?.ListPrice.toFixed(2),
      LIST_39: residentialActive[0]?.City
    })
    expect(r.text).not.toContain('<COUNT')
  })

  it('COMPACT-DECODED shows long values, multi-selects comma-joined', async () => {
    const withAppliances = residentialActive.find((l) => l.Appliances.length >= 2) as Listing
    const r = await search({
      Query: `(LIST_1=${withAppliances.ListingKey})`,
      Format: 'COMPACT-DECODED',
      Select: 'LIST_15,LIST_200'
    })
    const coded = await search({
      Query: `(LIST_1=${withAppliances.ListingKey})`,
      Format: 'COMPACT',
      Select: 'LIST_200'
    })
    const lookup = mls.ctx.data.lookup('Appliances')
    const long = withAppliances.Appliances.map(
      (a) => lookup?.values.find((v) => v.standardValue === a)?.longValue
    ).join(',')
    const codes = withAppliances.Appliances.map((a) => lookup?.values.find((v) => v.standardValue === a)?.value).join(
      ','
    )
    expect(compactRows(r.text)).toEqual([{ LIST_15: 'Active', LIST_200: long }])
    expect(compactRows(coded.text)).toEqual([{ LIST_200: codes }])
  })

  it('multi-select lookup queries (+ all of) use codes', async () => {
    const r = await search({
      Query: '(LIST_200=+DW,MW)',
      Format: 'COMPACT',
      Select: 'LIST_1',
      Limit: 'NONE',
      Count: '1'
    })
    const expected = [...mls.ctx.data.listings()].filter(
      (l) =>
        l.PropertyType === 'Residential' && l.Appliances.includes('Dishwasher') && l.Appliances.includes('Microwave')
    )
    expect(r.text).toContain(`<COUNT Records="${expected.length}"/>`)
  })

  it('STANDARD-XML: records as class elements with standard-name children', async () => {
    const r = await search({
      Query: ACTIVE,
      Format: 'STANDARD-XML',
      Select: 'LIST_1,LIST_15,LIST_22',
      Limit: '2',
      Count: '1'
    })
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(r.text)
    expect(parsed.RETS.COUNT['@Records']).toBe(String(residentialActive.length))
    const rows = parsed.RETS.REData.REProperties.ResidentialProperty
    expect(rows).toHaveLength(2)
    expect(String(rows[1].ListingKey)).toBe(residentialActive[1]?.ListingKey)
    expect(rows[1].StandardStatus).toBe('Active')
  })

  it('pages with 1-based Offset under the server cap and marks MAXROWS', async () => {
    const keys: string[] = []
    let offset = 1
    for (;;) {
      const r = await search({
        Query: ACTIVE,
        Format: 'COMPACT',
        Select: 'LIST_1',
        Limit: 'NONE',
        Offset: String(offset)
      })
      if (replyCodeOf(r.text) === 20201) break
      const rows = compactRows(r.text)
      expect(rows.length).toBeLessThanOrEqual(100)
      const more = r.text.includes('<MAXROWS/>')
      keys.push(...rows.map((x) => x.LIST_1 ?? ''))
      offset += rows.length
      if (!more) break
    }
    expect(keys).toEqual(residentialActive.map((l) => l.ListingKey))
    // Limit above the cap is capped too
    const big = await search({ Query: ACTIVE, Format: 'COMPACT', Select: 'LIST_1', Limit: '5000' })
    expect(compactRows(big.text)).toHaveLength(100)
    expect(big.text).toContain('<MAXROWS/>')
  })

  it('Count=1 gives COUNT before the data, Count=2 the count alone', async () => {
    const c1 = await search({ Query: ACTIVE, Format: 'COMPACT', Select: 'LIST_1', Limit: '1', Count: '1' })
    expect(c1.text.indexOf('<COUNT')).toBeLessThan(c1.text.indexOf('<DELIMITER'))
    const c2 = await search({ Query: ACTIVE, Format: 'COMPACT', Count: '2' })
    expect(c2.text).toContain(`<COUNT Records="${residentialActive.length}"/>`)
    expect(c2.text).not.toContain('<DATA>')
  })

  it('StandardNames=1 uses standard names for class, Select, Query and COLUMNS', async () => {
    const r = await search({
      Class: 'ResidentialProperty',
      StandardNames: '1',
      Query: '(StandardStatus=|OV61GOJ13C0),(ListPrice=300000+)',
      Format: 'COMPACT',
      Select: 'ListingKey,ListPrice',
      Limit: '3'
    })
    expect(r.text).toContain('<COLUMNS>\tListingKey\tListPrice\t</COLUMNS>')
    const expected = residentialActive
      .filter((l) => l.ListPrice >= 300000)
      .slice(0, 3)
      .map((l) => l.ListingKey)
    expect(compactRows(r.text).map((x) => x.ListingKey)).toEqual(expected)
  })

  it('RestrictedIndicator masks fields an IDX user may not see', async () => {
    const idx = new TestRetsClient(mls.url, { username: 'idx', password: 'idx-pass' })
    await idx.login()
    const closed = [...mls.ctx.data.listings()].find(
      (l) => l.PropertyType === 'Residential' && l.ClosePrice !== undefined
    ) as Listing
    const q = new URLSearchParams({
      SearchType: 'Property',
      Class: 'A',
      Query: `(LIST_1=${closed.ListingKey})`,
      Format: 'COMPACT',
      Select: 'LIST_1,LIST_23',
      RestrictedIndicator: '****'
    })
    expect(compactRows((await idx.request(`/rets/Search?${q}`)).text)).toEqual([
      { LIST_1: closed.ListingKey, LIST_23: '****' }
    ])
    expect(compactRows((await client.request(`/rets/Search?${q}`)).text)[0]?.LIST_23).toBe(
      closed.ClosePrice?.toFixed(2)
    )
  })

  it('gzips the stream only when the client sends Accept-Encoding: gzip', async () => {
    const path = `/rets/Search?SearchType=Property&Class=A&Query=${encodeURIComponent(ACTIVE)}&Format=COMPACT&Select=LIST_1&Limit=NONE`
    const raw = (acceptEncoding?: string) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { Cookie: client.cookie }
        if (acceptEncoding) headers['Accept-Encoding'] = acceptEncoding
        http
          .get(`${mls.url}${path}`, { headers }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }))
          })
          .on('error', reject)
      })
    const zipped = await raw('gzip, deflate')
    const plain = await raw()
    expect(zipped.encoding).toBe('gzip')
    expect(plain.encoding).toBeUndefined()
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true)
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2)
    expect(compactRows(plain.body.toString())).toHaveLength(100)
  })

  it('accepts POST form bodies', async () => {
    const body = new URLSearchParams({
      SearchType: 'Property',
      Class: 'B',
      Query: '(LIST_1=*)',
      Format: 'COMPACT',
      Select: 'LIST_1,LIST_8',
      Limit: '1'
    }).toString()
    const r = await client.request('/rets/Search', { method: 'POST', body })
    expect(compactRows(r.text)[0]?.LIST_8).toBe('LND')
  })

  it('answers 20201, 20203 (with the valid classes), 20206 (with position), 20200 and 20202', async () => {
    expect(replyCodeOf((await search({ Query: '(LIST_22=1-2)', Format: 'COMPACT' })).text)).toBe(20201)
    const badClass = await search({ Class: 'Z', Query: ACTIVE })
    expect(replyCodeOf(badClass.text)).toBe(20203)
    expect(badClass.text).toContain('Valid Classes are:\n\tA\n\tB\n\tC')
    const badType = await search({ SearchType: 'Nope', Query: ACTIVE })
    expect(replyCodeOf(badType.text)).toBe(20203)
    const syntax = await search({ Query: '(LIST_15=|OV61GOJ13C0', Format: 'COMPACT' })
    expect(replyCodeOf(syntax.text)).toBe(20206)
    expect(syntax.text).toMatch(/at position \d+/)
    expect(replyCodeOf((await search({ Query: '(NOPE=1)' })).text)).toBe(20200)
    expect(replyCodeOf((await search({ Query: ACTIVE, Select: 'LIST_1,NOPE' })).text)).toBe(20202)
    // the LIST_66 bedroom field exists in class A only
    expect(replyCodeOf((await search({ Class: 'B', Query: '(LIST_66=3)' })).text)).toBe(20200)
  })
})

describe('RETS Search in large mode', () => {
  it('streams pages from a million generated listings without holding them', async () => {
    const big = await startDemoMls({ listings: 1_000_000, large: true })
    try {
      const c = new TestRetsClient(big.url, { username: 'demo', password: 'demo-pass' })
      await c.login()
      const q = new URLSearchParams({
        SearchType: 'Property',
        Class: 'A',
        Query: '(LIST_1=*)',
        Format: 'COMPACT',
        Select: 'LIST_1,LIST_22',
        Limit: '2500',
        Offset: '50001'
      })
      const r = await c.request(`/rets/Search?${q}`)
      const rows = compactRows(r.text)
      expect(rows).toHaveLength(2500)
      expect(r.text).toContain('<MAXROWS/>')
      expect(Number(rows[0]?.LIST_1)).toBeGreaterThan(20_050_000)
      expect(big.ctx.data.get(rows[0]?.LIST_1 ?? '')?.PropertyType).toBe('Residential')
    } finally {
      await big.close()
    }
  })
})
