import { describe, expect, it } from 'vitest'
import { RowOffsets } from '../../../../src-main/platform/results/row-offsets'

describe('RowOffsets', () => {
  it('gives back every offset across block boundaries', () => {
    const offsets = new RowOffsets()
    const expected: number[] = []
    let at = 0
    // 50,000 rows: several blocks of 16,384, rows of varying length
    for (let i = 0; i < 50_000; i++) {
      offsets.add(at)
      expected.push(at)
      at += 1 + ((i * 7919) % 500)
    }
    expect(offsets.length).toBe(50_000)
    for (const i of [0, 1, 16_383, 16_384, 16_385, 32_767, 32_768, 49_999]) expect(offsets.at(i)).toBe(expected[i])
    expect(expected.every((v, i) => offsets.at(i) === v)).toBe(true)
  })

  it('keeps offsets past 4 GB within one block exact (a run of huge records)', () => {
    const offsets = new RowOffsets()
    const huge = 900 * 1024 * 1024
    const expected = [0, 10, huge, 3 * huge, 5 * huge + 1, 7 * huge + 3]
    for (const v of expected) offsets.add(v)
    expect(expected.map((_, i) => offsets.at(i))).toEqual(expected)
    // the next blocks start from their own first row: still exact far past 2^32
    for (let i = expected.length; i < 40_000; i++) {
      expected.push(7 * huge + 3 + i * 1000)
      offsets.add(expected[i]!)
    }
    for (const i of [5, 6, 16_383, 16_384, 39_999]) expect(offsets.at(i)).toBe(expected[i])
  })

  it('forgets everything on clear', () => {
    const offsets = new RowOffsets()
    for (let i = 0; i < 20_000; i++) offsets.add(i * 3)
    offsets.clear()
    expect(offsets.length).toBe(0)
    offsets.add(42)
    expect(offsets.at(0)).toBe(42)
  })
})
