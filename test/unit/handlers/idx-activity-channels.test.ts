import { describe, expect, it } from 'vitest'
import { requestChannels } from '../../../contract/ipc-contract'

describe('idx:* and activity:* channel arguments', () => {
  it('accepts a sync request and refuses unknown search types and extra keys', () => {
    const args = requestChannels['idx:sync'].args
    expect(
      args.safeParse({ profileId: 'demo-idx', searchType: 'Office', action: 'apply', batchSize: 50 }).success
    ).toBe(true)
    expect(args.safeParse({ profileId: 'demo-idx', searchType: 'Member', action: 'plan' }).success).toBe(false)
    expect(args.safeParse({ profileId: 'demo-idx', searchType: 'Property', action: 'plan', dir: '/tmp' }).success).toBe(
      false
    )
    expect(
      args.safeParse({ profileId: 'demo-idx', searchType: 'Property', action: 'plan', batchSize: 500 }).success
    ).toBe(false)
  })

  it('lets loose field values through to the composer validator but keeps the event shapes strict', () => {
    const args = requestChannels['activity:send'].args
    const event = { kind: 'views', views: [{ viewDate: 'not a date', listings: [{ listingKey: '', viewCount: -3 }] }] }
    expect(args.safeParse({ profileId: 'demo-activity', event }).success).toBe(true)
    expect(
      args.safeParse({ profileId: 'demo-activity', event: { kind: 'tracker', listingId: 'x', apiKey: 'k' } }).success
    ).toBe(false)
    expect(
      requestChannels['activity:validate'].args.safeParse({ event: { kind: 'viewsXml', xml: '<Views/>' } }).success
    ).toBe(true)
  })
})
