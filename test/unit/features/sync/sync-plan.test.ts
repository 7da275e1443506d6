import { describe, expect, it } from 'vitest'
import { planSync, stampKey } from '../../../../src-main/features/sync/sync-plan'

const master = [
  { id: 'A', lastUpdated: '24/09/2026 10:05:23 AM' },
  { id: 'B', lastUpdated: 'Thu, 24 Sep 2026 22:12:17 GMT' },
  { id: 'C', lastUpdated: '2026-09-24T10:38:23Z' },
  { id: 'D', lastUpdated: 'not a date' }
]

describe('planSync', () => {
  it('sorts ids into new, updated, deleted and unchanged, comparing instants not spellings', () => {
    const stored = new Map([
      ['A', '2026-09-24T10:05:23Z'], // same instant as the COMPACT stamp → unchanged
      ['B', '2026-09-24T10:12:17Z'], // 10:12 AM, the server now says 10:12 PM → updated
      ['D', 'not a date'], // unknown shapes compare as trimmed text
      ['Z', '2026-01-01T00:00:00Z'] // gone from the master list → deleted
    ])
    expect(planSync(master, stored)).toEqual({
      new: ['C'],
      updated: ['B'],
      deleted: ['Z'],
      unchanged: ['A', 'D']
    })
  })

  it('treats every record as new against an empty store and ignores repeated master ids', () => {
    const plan = planSync([...master, { id: 'A', lastUpdated: 'x' }], new Map())
    expect(plan.new).toEqual(['A', 'B', 'C', 'D'])
    expect(plan.updated).toEqual([])
  })

  it('compares unknown timestamp shapes as trimmed text', () => {
    expect(stampKey('  odd  ')).toBe('odd')
    expect(stampKey('THU,24 SEP 2026 22:12:17 GMT')).toBe('2026-09-24T22:12:17Z')
  })
})
