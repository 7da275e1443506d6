// Photo export from RESO Web API and Spark connections behind the profile's proxy: token, records and every
// MediaURL / photo URI download go through the one HTTP stack — the proxy relays them all, the downloads carry no
// credentials to the media host, and each download is in the wire log (size, status) without its body.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy'

let h: Harness
let proxy: ForwardProxy

beforeAll(async () => {
  h = await startHarness()
  proxy = await startForwardProxy()
  const demo = h.workbench.demo!.profiles
  for (const id of ['demo-reso', 'demo-spark']) {
    const builtIn = demo.profiles.find((p) => p.id === id)!
    const saved = await h.call('profiles:save', {
      profile: { ...builtIn, name: `${id} proxied`, network: { proxyUrl: proxy.url } }
    })
    await h.call('secrets:set', { profileId: saved.id, name: 'clientSecret', value: demo.secrets[id]!.clientSecret! })
  }
})
afterAll(async () => {
  await proxy?.close()
  await h?.close()
})

const isMedia = (url: string): boolean => url.includes('/rets/media/')

describe.each([
  { profileId: 'demo-reso-proxied', types: ['Photo'] },
  { profileId: 'demo-spark-proxied', types: ['Uri640'] }
])('photo export on $profileId', ({ profileId, types }) => {
  it('goes through the proxy; downloads carry no credentials and are logged without their body', async () => {
    proxy.seen.length = 0
    await h.call('session:connect', { profileId })
    const listing = [...h.workbench.demo!.server.ctx.data.listings()].find((l) => l.PhotosCount >= 2)!
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-proxy-photos-'))
    const { jobId } = await h.call('photos:export', {
      profileId,
      request: { destination, listingKeys: [listing.ListingKey], types }
    })
    expect(await settle(h, jobId)).toBe('done')
    const summary = (await h.call('photos:summary', { jobId }))!
    expect(summary).toMatchObject({ written: listing.PhotosCount, failed: 0 })
    // downloads run side by side: the first file finished may be any of the listing's photos, byte for byte
    const first = readFileSync(path.join(destination, summary.firstFiles[0]!))
    const photos = Array.from({ length: listing.PhotosCount }, (_, i) =>
      h.workbench.demo!.server.ctx.data.photo(listing.ListingKey, i + 1, 'Photo')
    )
    expect(photos.some((photo) => photo?.equals(first))).toBe(true)

    // the proxy relayed the token, the records and every photo
    const media = proxy.seen.filter((r) => isMedia(r.url))
    expect(media).toHaveLength(listing.PhotosCount)
    expect(proxy.seen.some((r) => /oauth/.test(r.url))).toBe(true)
    const api = proxy.seen.filter((r) => !isMedia(r.url) && !/oauth/.test(r.url))
    expect(api.length).toBeGreaterThan(0)
    expect(api.every((r) => typeof r.headers.authorization === 'string')).toBe(true)
    // …but no credentials went to the media host
    for (const r of media) {
      expect(r.headers.authorization).toBeUndefined()
      expect(r.headers.cookie).toBeUndefined()
    }

    // each download is in the wire log, owned by the export job: status and size, no body kept
    const owned = new Set(h.workbench.wireLog.idsOfJob(jobId))
    const logged = (await h.call('wire:list', {})).filter((e) => isMedia(e.url))
    expect(logged.filter((e) => owned.has(e.id))).toHaveLength(listing.PhotosCount)
    for (const e of logged.filter((e) => owned.has(e.id))) {
      expect(e.status).toBe(200)
      expect(e.bodySize).toBeGreaterThan(0)
      expect(e.requestHeaders.Authorization ?? e.requestHeaders.authorization).toBeUndefined()
      const body = await h.call('wire:body', { id: e.id, offset: 0, length: 1024 })
      expect(body).toMatchObject({ total: 0, data: '' })
    }
    await h.call('session:disconnect', { profileId })
  })
})
