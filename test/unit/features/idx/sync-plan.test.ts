import { describe, expect, it } from 'vitest'
import { planSync, snapshotAfterApply, stampKey, summarizePlan } from '../../../../src-main/features/idx/sync-plan'

const master = [
  { id: 'A', lastUpdated: '24/09/2026 10:05:23 AM' },
  { id: 'B', lastUpdated: 'Thu, 24 Sep 2026 22:12:17 GMT' },
  { id: 'C', lastUpdated: '2026-09-24T10:38:23Z' },
  { id: 'D', lastUpdated: 'not a date' }
]

describe('planSync', () => {
  it('sorts ids into new, updated, deleted and unchanged, comparing instants not spellings', () => {
    const snapshot = new Map([
      ['A', '2026-09-24T10:05:23Z'], // same instant as the COMPACT stamp → unchanged
      ['B', '2026-09-24T10:12:17Z'], // 10:12 AM, the server now says 10:12 PM → updated
      ['D', 'not a date'], // unknown shapes compare as trimmed text
      ['Z', '2026-01-01T00:00:00Z'] // gone from the master list → deleted
    ])
    expect(planSync(master, snapshot)).toEqual({
      new: ['C'],
      updated: ['B'],
      deleted: ['Z'],
      unchanged: ['A', 'D']
    })
  })

  it('treats every record as new against an empty snapshot and ignores repeated master ids', () => {
    const plan = planSync([...master, { id: 'A', lastUpdated: 'x' }], new Map())
    expect(plan.new).toEqual(['A', 'B', 'C', 'D'])
    expect(plan.updated).toEqual([])
  })

  it('keeps records that could not be fetched pending in the next snapshot', () => {
    const before = new Map([
      ['B', '2026-09-24T10:12:17Z'],
      ['Z', '2026-01-01T00:00:00Z']
    ])
    const next = snapshotAfterApply(master, before, new Set(['B', 'C']))
    expect([...next]).toEqual([
      ['A', '2026-09-24T10:05:23Z'],
      ['B', '2026-09-24T10:12:17Z'], // old stamp: still "updated" next time
      ['D', 'not a date']
    ])
    expect(planSync(master, next)).toEqual({ new: ['C'], updated: ['B'], deleted: [], unchanged: ['A', 'D'] })
  })

  it('caps the id lists it reports but never the counts', () => {
    const ids = Array.from({ length: 5 }, (_, i) => `K${i}`)
    const summary = summarizePlan({ new: ids, updated: [], deleted: ['X'], unchanged: [] }, 3)
    expect(summary.new).toEqual({ count: 5, ids: ['K0', 'K1', 'K2'], truncated: true })
    expect(summary.deleted).toEqual({ count: 1, ids: ['X'], truncated: false })
    expect(stampKey('  odd  ')).toBe('odd')
  })
})
