import { describe, expect, it } from 'vitest'
import { ByteRing } from '../../../../src-main/features/export/photos/byte-ring'

describe('ByteRing', () => {
  it('reserves one range after another, starts again at 0 when the end lacks room, and says when it is full', () => {
    const ring = new ByteRing(100)
    expect(ring.reserve(40)).toBe(0)
    expect(ring.reserve(40)).toBe(40)
    // 20 bytes left at the end, none before the oldest range
    expect(ring.reserve(30)).toBeUndefined()
    ring.releaseOldest()
    expect(ring.reserve(30)).toBe(0)
    // between the new head (30) and the oldest range (40): 10 bytes
    expect(ring.reserve(11)).toBeUndefined()
    expect(ring.reserve(10)).toBe(30)
    ring.releaseOldest()
    ring.releaseOldest()
    ring.releaseOldest()
    // empty: the whole ring again, from 0
    expect(ring.reserve(100)).toBe(0)
    expect(ring.reserve(1)).toBeUndefined()
  })

  it('fills a range with the chunks in order, whatever their offsets, and nothing around it', () => {
    const ring = new ByteRing(64)
    ring.reserve(3)
    const at = ring.reserve(14)!
    const source = Buffer.from('..abc.defghij..')
    ring.fill(at, [source.subarray(2, 5), Buffer.alloc(0), source.subarray(6, 13), Buffer.from('klmn')])
    expect(Buffer.from(ring.shared, at - 1, 16).toString('latin1')).toBe('\0abcdefghijklmn\0')
  })

  it('never hands out bytes a live range holds, and always fits a range into an empty ring', () => {
    // a seeded walk of reserve / release, checked against the ranges still held
    let seed = 7
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    const size = 1000
    const ring = new ByteRing(size)
    const live: Array<[number, number]> = []
    for (let step = 0; step < 20_000; step++) {
      if (live.length > 0 && random(3) === 0) {
        ring.releaseOldest()
        live.shift()
        continue
      }
      const length = 1 + random(300)
      const at = ring.reserve(length)
      if (live.length === 0) expect(at).toBe(0)
      if (at === undefined) continue
      expect(at + length).toBeLessThanOrEqual(size)
      for (const [start, end] of live) expect(at >= end || at + length <= start).toBe(true)
      live.push([at, at + length])
    }
  })
})
