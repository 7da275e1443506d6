// Listing Activity API on the Demo MLS: key page behind X-ApiAccessSettings, tracker.gif, the
// ViewTracking POST with element-by-element validation, status codes 200 / 403 / 500, and read-back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { TestRetsClient } from '../../support/demo-rets-client'

let mls: DemoMls
let apiKey: string

const NS = 'https://retsgw.flexmls.com/tracking/v1'
const views = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Views xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS}/ViewTracking.xsd">\n${inner}\n</Views>\n`

beforeAll(async () => {
  mls = await startDemoMls({ listings: 20 })
})
afterAll(async () => {
  await mls.close()
})

describe('Listing Activity API', () => {
  it('shows a generate form on the API page, then the key after POST (RETS credentials)', async () => {
    expect((await fetch(`${mls.url}/rets/API`)).status).toBe(401)
    const client = new TestRetsClient(mls.url, { username: 'demo', password: 'demo-pass' })
    const login = await client.login()
    const path = /X-ApiAccessSettings=(\S+)/.exec(login.text)?.[1] ?? ''
    const page = await client.request(path)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toContain('Generate API key')
    const generated = await client.request(path, { method: 'POST', body: 'action=generate' })
    apiKey = /<code id="api-key">([0-9a-f]+)<\/code>/.exec(generated.text)?.[1] ?? ''
    expect(apiKey).toMatch(/^[0-9a-f]{32}$/)
    // visiting again shows the same key
    expect((await client.request(path)).text).toContain(apiKey)
  })

  it('tracker.gif returns a 1x1 transparent GIF and records the view; a bad key is 403', async () => {
    const listingId = mls.ctx.data.get('20000003')?.ListingId ?? ''
    const r = await fetch(`${mls.url}/tracking/v1/listings/views/listing/${listingId}/${apiKey}/tracker.gif`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/gif')
    const gif = Buffer.from(await r.arrayBuffer())
    expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a')
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([1, 1])
    expect((await fetch(`${mls.url}/tracking/v1/listings/views/listing/${listingId}/nope/tracker.gif`)).status).toBe(
      403
    )
    const recorded = await (await fetch(`${mls.url}/admin/activity/views?apiKey=${apiKey}`)).json()
    expect(recorded).toMatchObject([{ source: 'tracker', listingKey: listingId, count: 1 }])
  })

  it('accepts a ViewTracking upload and defaults an empty supplier to Other', async () => {
    const body = views(`<View><ViewDate>2010-01-01</ViewDate><ViewSupplierName>Company A</ViewSupplierName>
<Listing><ListingKey>09-75</ListingKey><ListingViewCount>10</ListingViewCount><ListingUrl>http://www.companya.com/listing/09-75/</ListingUrl></Listing>
<Listing><ListingKey>09-76</ListingKey><ListingViewCount>12</ListingViewCount></Listing></View>
<View><ViewSupplierName /><ViewDate>2010-01-02</ViewDate><Listing><ListingKey>09-75</ListingKey><ListingViewCount>49</ListingViewCount></Listing></View>`)
    const r = await fetch(`${mls.url}/tracking/v1/listings/views/${apiKey}/`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/xml' }
    })
    expect(r.status).toBe(200)
    expect(await r.text()).toContain('<Views>2</Views><Listings>3</Listings><TotalViewCount>71</TotalViewCount>')
    const recorded = (await (await fetch(`${mls.url}/admin/activity/views?apiKey=${apiKey}`)).json()) as Array<
      Record<string, unknown>
    >
    const posted = recorded.filter((v) => v.source === 'post')
    expect(posted.map((v) => [v.listingKey, v.viewDate, v.supplier, v.count])).toEqual([
      ['09-75', '2010-01-01', 'Company A', 10],
      ['09-76', '2010-01-01', 'Company A', 12],
      ['09-75', '2010-01-02', 'Other', 49]
    ])
    expect(posted[0]?.url).toBe('http://www.companya.com/listing/09-75/')
  })

  it('rejects bad keys (403), bad documents (500 with the reason) and GET (405)', async () => {
    const ok = views(
      '<View><ViewDate>2010-01-01</ViewDate><Listing><ListingKey>1</ListingKey><ListingViewCount>1</ListingViewCount></Listing></View>'
    )
    const post = (key: string, body: string) =>
      fetch(`${mls.url}/tracking/v1/listings/views/${key}/`, { method: 'POST', body })
    expect((await post('not-a-key', ok)).status).toBe(403)
    const cases: Array<[string, string]> = [
      [ok.replace('2010-01-01', '2010-02-30'), 'ViewDate "2010-02-30" is not a date'],
      [ok.replace('<ListingViewCount>1<', '<ListingViewCount>-1<'), 'ListingViewCount "-1"'],
      [ok.replace('<ListingKey>1</ListingKey>', ''), 'Listing without ListingKey'],
      [ok.replace('<ViewDate>', '<Bogus/><ViewDate>'), 'unexpected element <Bogus>'],
      [ok.replace(`xmlns="${NS}"`, ''), 'must be in namespace'],
      [ok.replace('</Views>', ''), 'not well-formed']
    ]
    for (const [body, reason] of cases) {
      const r = await post(apiKey, body)
      expect(r.status).toBe(500)
      expect(await r.text()).toContain(reason)
    }
    expect((await fetch(`${mls.url}/tracking/v1/listings/views/${apiKey}/`)).status).toBe(405)
  })
})
