// The bench's correctness guard: a variant that is fast but wrong must be marked FAIL, never reported as a win.
import { describe, expect, it } from 'vitest'
import { guard, percentile, speedups } from '../../../bench/harness/measure'
import type { VariantReport } from '../../../bench/harness/report-types'
import { RowChecksum } from '../../../bench/harness/row-checksum'

function variant(name: string, rows: number, checksum: string | undefined, medianMs: number): VariantReport {
  return {
    variant: name,
    role: name === 'ours' ? 'ours' : 'baseline',
    label: name,
    runs: [],
    ok: true,
    minMs: medianMs,
    medianMs,
    peakRssMb: 100,
    startRssMb: 50,
    rows,
    ...(checksum !== undefined ? { checksum } : {})
  }
}

describe('bench guard', () => {
  it('fails a variant whose checksum differs from the reference', () => {
    const vs = [variant('ours', 10, 'bbb', 5), variant('fast-xml-parser', 10, 'aaa', 50)]
    expect(guard(vs, 'fast-xml-parser', 10)).toBe(false)
    expect(vs[0]?.correct).toBe(false)
    expect(vs[0]?.correctnessNote).toBe('checksum differs from fast-xml-parser')
    expect(vs[1]?.correct).toBe(true)
  })

  it('fails a variant with the wrong row count even when nothing else is compared', () => {
    const vs = [variant('ours', 9, 'aaa', 5), variant('fast-xml-parser', 10, 'aaa', 50)]
    expect(guard(vs, 'fast-xml-parser', 10)).toBe(false)
    expect(vs[0]?.correctnessNote).toBe('9 rows, expected 10; 9 rows vs 10 in fast-xml-parser')
  })

  it('passes matching variants, leaves the floor unchecked and computes speedups', () => {
    const floor = { ...variant('raw-drain', 0, undefined, 2), role: 'floor' as const }
    delete floor.rows
    const vs = [variant('ours', 10, 'aaa', 5), floor, variant('rets-client', 10, 'aaa', 20)]
    expect(guard(vs, 'rets-client', 10)).toBe(true)
    expect(vs.map((v) => v.correct)).toEqual([true, undefined, true])
    speedups(vs)
    expect(vs[1]?.oursSpeedup).toBe(0.4)
    expect(vs[2]?.oursSpeedup).toBe(4)
  })

  it('row checksums depend on values and row boundaries', () => {
    const a = new RowChecksum()
    a.add(['x', 'y'])
    const b = new RowChecksum()
    b.add(['x', ''])
    b.add(['y'])
    const c = new RowChecksum()
    c.add(['x', 'y'])
    const digestA = a.digest()
    expect(digestA).not.toBe(b.digest())
    expect(c.digest()).toBe(digestA)
    expect(a.rows).toBe(1)
    expect(b.rows).toBe(2)
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5)
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3)
  })
})
