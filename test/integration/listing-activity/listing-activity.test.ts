// The Listing Activity API through the handler table against the Demo MLS: the built-in profile finds
// its API key on the X-ApiAccessSettings page of the RETS login (generating it once), tracker.gif and ViewTracking
// uploads are recorded by the server, a document the server refuses comes back with the server's words verbatim,
// a wrong key gives 403, and our own validation names the field before anything is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'
import { parseViewTracking } from '../../../demo-mls/activity/view-tracking-xml'
import { TRANSPARENT_GIF } from '../../../demo-mls/activity/activity-routes'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ listings: 60 })
})
afterAll(async () => {
  await h.close()
})

function activity() {
  return h.workbench.demo!.server.ctx.activity
}

describe('Listing Activity profiles', () => {
  it('gets the API key from X-ApiAccessSettings, generating it the first time only', async () => {
    expect(activity().keyFor('demo')).toBeUndefined()
    const info = await h.call('session:connect', { profileId: 'demo-activity' })
    expect(info.kind).toBe('activity')
    expect(info.capabilities['API key from']).toBe('X-ApiAccessSettings of “Demo MLS (RETS)”')
    expect(info.notes.join(' ')).toMatch(/generated/)
    const key = activity().keyFor('demo')!
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    expect(JSON.stringify(info)).not.toContain(key)
    expect(info.capabilities['View upload (POST)']).toMatch(/\/tracking\/v1\/listings\/views\/\{apiKey\}\/$/)

    const again = await h.call('session:connect', { profileId: 'demo-activity' })
    expect(again.notes).toEqual([])
    expect(activity().keyFor('demo')).toBe(key)
  })

  it('sends a tracker.gif view and a ViewTracking upload the server records', async () => {
    const key = activity().keyFor('demo')!
    const gif = await h.call('activity:send', {
      profileId: 'demo-activity',
      event: { kind: 'tracker', listingId: 'L-1001' }
    })
    expect(gif.status).toBe(200)
    expect(gif.ok).toBe(true)
    expect(gif.contentType).toBe('image/gif')
    expect(gif.bodyExcerpt).toBe(`GIF image 1×1, ${TRANSPARENT_GIF.length} bytes`)
    expect(gif.url).not.toContain(key)
    expect(gif.url).toMatch(/\/tracking\/v1\/listings\/views\/listing\/L-1001\/\[redacted\]\/tracker\.gif$/)

    const upload = await h.call('activity:send', {
      profileId: 'demo-activity',
      event: {
        kind: 'views',
        views: [
          {
            viewDate: '2026-11-20',
            supplierName: 'Company A & Sons',
            listings: [
              { listingKey: '09-75', viewCount: 10, url: 'http://www.companya.com/listing/09-75/' },
              { listingKey: '09-76', viewCount: 12 }
            ]
          },
          { viewDate: '2026-11-21', listings: [{ listingKey: '09-75', viewCount: 49 }] }
        ]
      }
    })
    expect(upload.status).toBe(200)
    expect(upload.bodyExcerpt).toContain(
      '<ViewTrackingResult><Views>2</Views><Listings>3</Listings><TotalViewCount>71</TotalViewCount></ViewTrackingResult>'
    )
    const recorded = activity()
      .views(key)
      .map((v) => [v.source, v.listingKey, v.viewDate, v.supplier, v.count, v.url ?? ''])
    expect(recorded).toEqual([
      ['tracker', 'L-1001', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'Other', 1, ''],
      ['post', '09-75', '2026-11-20', 'Company A & Sons', 10, 'http://www.companya.com/listing/09-75/'],
      ['post', '09-76', '2026-11-20', 'Company A & Sons', 12, ''],
      ['post', '09-75', '2026-11-21', 'Other', 49, '']
    ])
  })

  it("returns the server's refusal verbatim for a document it rejects", async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Views xmlns="https://retsgw.flexmls.com/tracking/v1">\n<View>\n<ViewDate>2026-13-45</ViewDate>\n<Listing><ListingKey>09-75</ListingKey><ListingViewCount>3</ListingViewCount></Listing>\n</View>\n</Views>\n'
    let expected = ''
    try {
      parseViewTracking(xml)
    } catch (err) {
      expected = `Upload rejected: ${(err as Error).message}`
    }
    expect(expected).toContain('ViewDate "2026-13-45"')
    const reply = await h.call('activity:send', { profileId: 'demo-activity', event: { kind: 'viewsXml', xml } })
    expect(reply.status).toBe(500)
    expect(reply.ok).toBe(false)
    expect(reply.serverError).toBe(expected)
  })

  it('reports 403 with the server text for a key that does not pass authorization', async () => {
    const saved = await h.call('profiles:save', {
      profile: {
        name: 'Wrong key',
        kind: 'activity',
        trackingUrl: `${h.workbench.demo!.server.url}/tracking/v1/`
      }
    })
    const missing = await h.fail('session:connect', { profileId: saved.id })
    expect(missing.code).toBe('SECRET_MISSING')
    await h.call('secrets:set', { profileId: saved.id, name: 'apiKey', value: 'not-a-real-key-0123' })
    const reply = await h.call('activity:send', {
      profileId: saved.id,
      event: { kind: 'tracker', listingId: 'L-1' }
    })
    expect(reply.status).toBe(403)
    expect(reply.serverError).toBe('API key did not pass authorization.')
    expect(reply.url).not.toContain('not-a-real-key-0123')
  })

  it('names the field and what is expected, and sends nothing invalid', async () => {
    const before = activity().views().length
    const event = {
      kind: 'views' as const,
      views: [
        { viewDate: '2026-02-30', listings: [{ listingKey: '09-75', viewCount: -1, url: 'ftp://x/y' }] },
        { viewDate: '2026-02-28', listings: [] }
      ]
    }
    const check = await h.call('activity:validate', { event })
    expect(check.valid).toBe(false)
    expect(check.body).toBeUndefined()
    expect(check.issues.map((i) => i.field)).toEqual([
      'views[0].viewDate',
      'views[0].listings[0].viewCount',
      'views[0].listings[0].url',
      'views[1].listings'
    ])
    expect(check.issues[0]!.message).toBe('must be a calendar date as YYYY-MM-DD, e.g. 2010-01-01; got "2026-02-30"')
    const refused = await h.fail('activity:send', { profileId: 'demo-activity', event })
    expect(refused.code).toBe('ACTIVITY_INVALID')
    expect(refused.message).toContain('views[0].listings[0].viewCount must be a whole number of views, 0 or more')
    const badTracker = await h.fail('activity:send', {
      profileId: 'demo-activity',
      event: { kind: 'tracker', listingId: 'a/b' }
    })
    expect(badTracker.message).toContain('listingId must be one ListingID without "/"')
    expect(activity().views()).toHaveLength(before)
  })

  it('tells the user to use the composer when asked to search, for metadata or for photos', async () => {
    await h.call('session:connect', { profileId: 'demo-activity' })
    const search = await h.fail('query:run', { profileId: 'demo-activity', spec: { kind: 'spark', fetchAll: false } })
    expect(search).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A Listing Activity connection cannot run queries.'
    })
    expect(search.hint).toContain('activity composer')
    expect(h.workbench.jobs.list().filter((j) => j.kind === 'query')).toEqual([])
    expect(await h.fail('metadata:summary', { profileId: 'demo-activity' })).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A Listing Activity connection cannot serve metadata.'
    })
    expect(await h.fail('photos:options', { profileId: 'demo-activity' })).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A Listing Activity connection cannot export photos.'
    })
  })
})
