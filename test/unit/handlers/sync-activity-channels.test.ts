import { describe, expect, it } from 'vitest'
import { requestChannels } from '../../../contract/ipc-contract'

describe('sync:* and activity:* channel arguments', () => {
  it('takes an IDX SearchType as the target resource and refuses extra keys', () => {
    const args = requestChannels['sync:run'].args
    expect(args.safeParse({ profileId: 'demo-idx', target: { resource: 'Office' } }).success).toBe(true)
    expect(args.safeParse({ profileId: 'demo-idx', target: { searchType: 'Office' } }).success).toBe(false)
    expect(args.safeParse({ profileId: 'demo-idx', target: {}, dir: '/tmp' }).success).toBe(false)
    expect(requestChannels['sync:plan'].args.safeParse({ profileId: 'demo-idx', target: {} }).success).toBe(true)
    // the IDX sync inspector's own channels are gone: IDX profiles sync through sync:*
    expect(Object.keys(requestChannels).filter((c) => c.startsWith('idx:'))).toEqual([])
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
