import { describe, expect, it } from 'vitest'
import { compareRecordValues, fieldKindOf, recordFromObject } from '../../../../domain/query-languages'
import { compareDate, instantOf, wildcardMatcher } from '../../../../domain/query-languages/values/compare-values'

describe('shared value handling', () => {
  it('folds RETS, Edm and Spark data types', () => {
    expect(['Int', 'Small', 'Decimal', 'Edm.Int32', 'Edm.Decimal', 'Integer', 'Long'].map(fieldKindOf)).toEqual(
      Array(7).fill('number')
    )
    expect(['Date', 'Edm.Date'].map(fieldKindOf)).toEqual(['date', 'date'])
    expect(['DateTime', 'Edm.DateTimeOffset', 'Datetime'].map(fieldKindOf)).toEqual([
      'datetime',
      'datetime',
      'datetime'
    ])
    expect(['Boolean', 'Edm.Boolean'].map(fieldKindOf)).toEqual(['boolean', 'boolean'])
    expect(['Character', 'Edm.String', 'Odata.Models.StandardStatus', ''].map(fieldKindOf)).toEqual(
      Array(4).fill('string')
    )
  })
  it('reads zone-less date-times as UTC and compares at the query precision', () => {
    expect(instantOf('2024-01-01T10:00:00')).toBe(Date.UTC(2024, 0, 1, 10))
    expect(instantOf('2024-01-01 10:00:00+0100')).toBe(Date.UTC(2024, 0, 1, 9))
    expect(compareDate('2024-01-01T23:59:59', '2024-01-01', 'date')).toBe(0)
    expect(compareDate('2024-01-01T23:59:59', '2024-01-01T00:00:00', 'datetime')).toBe(1)
    expect(compareDate('garbage', '2024-01-01', 'date')).toBeUndefined()
  })
  it('wildcards escape regex characters', () => {
    expect(wildcardMatcher('a.b*')('A.Bcd')).toBe(true)
    expect(wildcardMatcher('a.b*')('axbcd')).toBe(false)
    expect(wildcardMatcher('a?c', false)('abc')).toBe(false)
    expect(wildcardMatcher('a?c', false)('a?c')).toBe(true)
  })
  it('orders values by type with missing values first', () => {
    const sort = (vs: unknown[], kind?: Parameters<typeof compareRecordValues>[2]) =>
      vs.map((v) => recordFromObject({ v })('v')).sort((a, b) => compareRecordValues(a, b, kind))
    expect(sort(['10', '9', null, '100'], 'number')).toEqual([null, '9', '10', '100'])
    expect(sort(['b', 'A', 'c'])).toEqual(['A', 'b', 'c'])
    // 00:00+05:00 on the 2nd is 19:00Z on the 1st: chronological, not text order
    expect(sort(['2024-01-01T20:00:00Z', '2024-01-02T00:00:00+05:00'], 'datetime')).toEqual([
      '2024-01-02T00:00:00+05:00',
      '2024-01-01T20:00:00Z'
    ])
  })
})
