// GetObject on the Demo MLS: single objects, key:1:2 / key:* / key:0, multipart part headers, HiRes, Location=1
// URLs that really serve the JPEG, and 20403 both as a part and as a single reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { TestRetsClient, replyCodeOf, splitMultipart } from '../../support/demo-rets-client'

let mls: DemoMls
let client: TestRetsClient
let listing: Listing
let withheld: Listing

beforeAll(async () => {
  mls = await startDemoMls({ listings: 600 })
  client = new TestRetsClient(mls.url, { username: 'demo', password: 'demo-pass' })
  await client.login()
  const all = [...mls.ctx.data.listings()]
  listing = all.find((l) => l.PhotosCount >= 4 && Number(l.ListingKey) % 500 !== 1) as Listing
  withheld = all.find((l) => (Number(l.ListingKey) - 20_000_000) % 500 === 1 && l.PhotosCount > 1) as Listing
})
afterAll(async () => {
  await mls.close()
})

const getObject = (id: string, extra: Record<string, string> = {}) =>
  client.request(`/rets/GetObject?${new URLSearchParams({ Resource: 'Property', Type: 'Photo', ID: id, ...extra })}`)

describe('GetObject', () => {
  it('returns one JPEG with its object headers', async () => {
    const r = await getObject(`${listing.ListingKey}:2`)
    expect(r.headers.get('content-type')).toBe('image/jpeg')
    expect(r.headers.get('content-id')).toBe(listing.ListingKey)
    expect(r.headers.get('object-id')).toBe('2')
    expect(r.headers.get('content-description')).toBe(listing.Media[1]?.ShortDescription)
    expect(r.body.equals(mls.ctx.data.photo(listing.ListingKey, 2, 'Photo') as Buffer)).toBe(true)
    expect(jpeg.decode(r.body).width).toBe(160)
  })

  it('key:0 is the preferred photo; HiRes is bigger', async () => {
    const preferred = await getObject(`${listing.ListingKey}:0`)
    expect(preferred.headers.get('preferred')).toBe('1')
    expect(preferred.body.equals(mls.ctx.data.photo(listing.ListingKey, 1, 'Photo') as Buffer)).toBe(true)
    const hires = await getObject(`${listing.ListingKey}:1`, { Type: 'HiRes' })
    const img = jpeg.decode(hires.body)
    expect([img.width, img.height]).toEqual([320, 240])
  })

  it('key:1:3 and key:* are multipart/parallel with one part per object', async () => {
    const two = await getObject(`${listing.ListingKey}:1:3`)
    expect(two.headers.get('content-type')).toMatch(/^multipart\/parallel; boundary="DEMOMLS/)
    const parts = splitMultipart(two.headers.get('content-type') ?? '', two.body)
    expect(parts.map((p) => p.headers['object-id'])).toEqual(['1', '3'])
    expect(parts[1]?.body.equals(mls.ctx.data.photo(listing.ListingKey, 3, 'Photo') as Buffer)).toBe(true)
    expect(parts[1]?.headers['content-length']).toBe(String(parts[1]?.body.length))

    const all = await getObject(`${listing.ListingKey}:*`)
    const allParts = splitMultipart(all.headers.get('content-type') ?? '', all.body)
    expect(allParts).toHaveLength(listing.PhotosCount)
    for (const p of allParts) expect(jpeg.decode(p.body).height).toBe(120)
  })

  it('marks withheld photos as 20403 parts and answers a single missing object with a 20403 reply', async () => {
    const all = await getObject(`${withheld.ListingKey}:*`)
    const parts = splitMultipart(all.headers.get('content-type') ?? '', all.body)
    const last = parts[parts.length - 1]
    expect(last?.headers['content-type']).toBe('text/xml')
    expect(replyCodeOf(last?.body.toString() ?? '')).toBe(20403)
    expect(parts.filter((p) => p.headers['content-type'] === 'image/jpeg')).toHaveLength(withheld.PhotosCount - 1)

    const single = await getObject(`${withheld.ListingKey}:${withheld.PhotosCount}`)
    expect(single.headers.get('rets-error')).toBe('1')
    expect(replyCodeOf(single.text)).toBe(20403)
    expect(replyCodeOf((await getObject('99999999:1')).text)).toBe(20403)
  })

  it('Location=1 returns URLs that serve the same bytes', async () => {
    const r = await getObject(`${listing.ListingKey}:1:2`, { Location: '1' })
    const parts = splitMultipart(r.headers.get('content-type') ?? '', r.body)
    expect(parts.map((p) => p.body.length)).toEqual([0, 0])
    const url = parts[1]?.headers.location ?? ''
    expect(url).toBe(`${mls.url}/rets/media/${listing.ListingKey}/Photo/2.jpg`)
    const img = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(img.equals(mls.ctx.data.photo(listing.ListingKey, 2, 'Photo') as Buffer)).toBe(true)
  })

  it('rejects unknown resources, types and malformed IDs', async () => {
    expect(replyCodeOf((await getObject('1:1', { Resource: 'Agent' })).text)).toBe(20400)
    expect(replyCodeOf((await getObject('1:1', { Type: 'Video' })).text)).toBe(20401)
    expect(replyCodeOf((await getObject(`${listing.ListingKey}:x`)).text)).toBe(20402)
  })
})
