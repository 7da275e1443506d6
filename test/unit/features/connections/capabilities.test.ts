// A connection offers exactly what the kinds table gives its kind, and a channel asking for more gets a clear error.
import { describe, expect, it } from 'vitest'
import { checkCapabilities, missingCapability } from '../../../../src-main/features/connections/capabilities'
import type { Connection } from '../../../../src-main/features/connections/connection'

const core = {
  connect: async () => {
    throw new Error('not used')
  },
  close: async () => undefined
}
const activity = { send: async () => Promise.reject(new Error('not used')) }

describe('connection capabilities', () => {
  it('lets a connection through that matches the kinds table, and stops one that does not', () => {
    const good: Connection = { kind: 'activity', ...core, activity }
    expect(checkCapabilities(good)).toBe(good)
    const extra: Connection = { kind: 'activity', ...core, activity, search: { run: async () => undefined } }
    expect(() => checkCapabilities(extra)).toThrow(/activity connection does not match the kinds table for: search/)
    const short: Connection = { kind: 'rets', ...core, search: { run: async () => undefined } }
    expect(() => checkCapabilities(short)).toThrow(/for: metadata, photos/)
  })

  it('says which kinds can do what a connection cannot', () => {
    expect(missingCapability('rets', 'activity')).toMatchObject({
      code: 'CAPABILITY_MISSING',
      message: 'A RETS connection cannot send listing views.',
      hint: 'Use a profile of kind Listing Activity for that.'
    })
    // every feed kind syncs through the one engine, the IDX API included
    expect(missingCapability('activity', 'sync').hint).toMatch(
      /^Use a profile of kind RETS, RESO Web API, Spark API or IDX API for that\./
    )
    const search = missingCapability('activity', 'search')
    expect(search.message).toBe('A Listing Activity connection cannot run queries.')
    expect(search.hint).toBe(
      'Use a profile of kind RETS, RESO Web API, Spark API or IDX API for that. ' +
        'Listing Activity profiles send tracker.gif views and ViewTracking uploads from the activity composer.'
    )
  })
})
