import { describe, expect, it } from 'vitest'
import { PLAN_KEYS_LISTED, syncPlanReportSchema } from '../../../../contract/sync-channels'
import { planSummary, planSync, stampKey } from '../../../../src-main/features/sync/sync-plan'

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

describe('planSummary', () => {
  const keys = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

  it('carries every count but only the first keys of the changed buckets, in plan order', () => {
    const plan = {
      new: keys('N', 250_000),
      updated: keys('U', 201),
      deleted: ['D2', 'D1', 'D3'],
      unchanged: 9
    }
    const { counts, sample } = planSummary(plan)
    expect(counts).toEqual({ new: 250_000, updated: 201, unchanged: 9, deleted: 3 })
    expect(sample.new).toEqual(keys('N', PLAN_KEYS_LISTED))
    expect(sample.updated).toEqual(keys('U', PLAN_KEYS_LISTED))
    expect(sample.deleted).toEqual(['D2', 'D1', 'D3'])
    expect(Object.keys(sample)).toEqual(['new', 'updated', 'deleted'])
    expect(planSummary(plan, 2).sample).toEqual({ new: ['N0', 'N1'], updated: ['U0', 'U1'], deleted: ['D2', 'D1'] })
  })

  it('is what the plan report schema takes, and the schema refuses a longer list', () => {
    const plan = { new: keys('N', 5000), updated: [], deleted: [], unchanged: 0 }
    const report = { action: 'plan', target: 'Property:A', masterCount: 5000, storeCount: 0 }
    expect(syncPlanReportSchema.safeParse({ ...report, ...planSummary(plan) }).success).toBe(true)
    const unbounded = { ...report, ...planSummary(plan, PLAN_KEYS_LISTED + 1) }
    expect(syncPlanReportSchema.safeParse(unbounded).error?.issues[0]?.path).toEqual(['sample', 'new'])
  })
})
