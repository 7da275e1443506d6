// The Demo MLS RETS server against RETS 1.7.2 / 1.8 over real HTTP: RETS-Request-ID is echoed on every transaction,
// GetObject answers "no such listing" in one documented form, and LookupMulti fields carry MaxSelect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { RetsVersion } from '../../../demo-mls/demo-context'
import { TestRetsClient, replyCodeOf, splitMultipart } from '../../support/demo-rets-client'

let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: 120, auth: 'basic' })
})
afterAll(async () => {
  await mls.close()
})

const basic = `Basic ${Buffer.from('demo:demo-pass').toString('base64')}`

async function rets(path: string, requestId?: string): Promise<Response> {
  const headers: Record<string, string> = { Authorization: basic, 'RETS-Version': 'RETS/1.7.2' }
  if (requestId !== undefined) headers['RETS-Request-ID'] = requestId
  return fetch(`${mls.url}${path}`, { headers })
}

describe('RETS-Request-ID', () => {
  it('is echoed by Login, GetMetadata, Search, GetObject, Logout and on errors', async () => {
    const key = mls.ctx.data.listings()[Symbol.iterator]().next().value!.ListingKey
    const paths = [
      '/rets/Login',
      '/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0',
      '/rets/Search?SearchType=Property&Class=A&QueryType=DMQL2&Query=(LIST_1=0%2B)&Limit=2&Format=COMPACT',
      '/rets/Search?SearchType=Property&Class=A&QueryType=DMQL2&Query=(LIST_1=0%2B)&Limit=2&Format=STANDARD-XML',
      `/rets/GetObject?Resource=Property&Type=Photo&ID=${key}:1`,
      `/rets/GetObject?Resource=Property&Type=Photo&ID=${key}:*`,
      '/rets/Search?SearchType=Nope&Class=A&Query=(LIST_1=0%2B)',
      '/rets/Logout'
    ]
    for (const [i, path] of paths.entries()) {
      const id = `req-${i}-${Date.now()}`
      const r = await rets(path, id)
      await r.arrayBuffer()
      expect(r.headers.get('rets-request-id'), path).toBe(id)
    }
    const without = await rets('/rets/Login')
    expect(without.headers.get('rets-request-id')).toBeNull()
  })
})

describe('GetObject for a listing that does not exist', () => {
  it('answers one RETS 20403 reply whether one object or all (*) were asked; mixed requests keep a 20403 part', async () => {
    for (const id of ['NOPE:*', 'NOPE:1', 'NOPE:0', 'NOPE:1:2']) {
      const r = await rets(`/rets/GetObject?Resource=Property&Type=Photo&ID=${id}`)
      expect(r.headers.get('content-type'), id).toMatch(/^text\/xml/)
      expect(r.headers.get('rets-error'), id).toBe('1')
      expect(replyCodeOf(await r.text()), id).toBe(20403)
    }
    const real = [...mls.ctx.data.listings()].find((l) => l.PhotosCount >= 2 && Number(l.ListingKey) % 500 !== 1)!
    const mixed = await rets(`/rets/GetObject?Resource=Property&Type=Photo&ID=${real.ListingKey}:*,NOPE:*`)
    const type = mixed.headers.get('content-type') ?? ''
    expect(type).toMatch(/^multipart\/parallel/)
    const parts = splitMultipart(type, Buffer.from(await mixed.arrayBuffer()))
    expect(parts).toHaveLength(real.PhotosCount + 1)
    const missing = parts.at(-1)!
    expect(missing.headers['content-id']).toBe('NOPE')
    expect(missing.headers['content-type']).toBe('text/xml')
    expect(replyCodeOf(missing.body.toString('utf8'))).toBe(20403)
  })
})

describe('METADATA-TABLE', () => {
  it('gives every LookupMulti field a MaxSelect, in every RETS version and format', async () => {
    for (const version of ['1.5', '1.7.2', '1.8'] as RetsVersion[]) {
      const server = await startDemoMls({ listings: 10, retsVersion: version, auth: 'basic' })
      try {
        const client = new TestRetsClient(server.url, { username: 'demo', password: 'demo-pass', basic: true })
        await client.login()
        const xml = (await client.request('/rets/GetMetadata?Type=METADATA-TABLE&ID=Property:A&Format=STANDARD-XML'))
          .text
        const multi = [...xml.matchAll(/<Field>(.*?)<\/Field>/g)]
          .map((m) => m[1] ?? '')
          .filter((f) => f.includes('<Interpretation>LookupMulti</Interpretation>'))
        expect(multi.length, version).toBeGreaterThan(0)
        for (const f of multi) expect(/<MaxSelect>(\d+)<\/MaxSelect>/.exec(f)?.[1], version).toMatch(/^[1-9]\d*$/)
        const compact = (await client.request('/rets/GetMetadata?Type=METADATA-TABLE&ID=Property:A&Format=COMPACT'))
          .text
        const columns = /<COLUMNS>\t(.*)\t<\/COLUMNS>/.exec(compact)![1]!.split('\t')
        const rows = [...compact.matchAll(/<DATA>\t(.*)\t<\/DATA>/g)].map((m) => (m[1] ?? '').split('\t'))
        const at = (row: string[], col: string): string => row[columns.indexOf(col)] ?? ''
        for (const row of rows.filter((r) => at(r, 'Interpretation') === 'LookupMulti'))
          expect(Number(at(row, 'MaxSelect'))).toBeGreaterThan(0)
      } finally {
        await server.close()
      }
    }
  })
})
