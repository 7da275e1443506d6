// The WebAssembly SIMD search for the end of a plain COMPACT row: the first `<` of a range unless a byte the row
// must have repaired comes first (`&`, C0 controls other than TAB/LF/CR and the delimiter). It must agree with the
// decoder's byte class table for any bytes, range and delimiter — also when stale bytes of an earlier, longer
// copy lie past the range.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createRepairByteFinder } from '../../../../src-main/protocols/rets/search/repair-byte-finder'
import { CompactRowDecoder, ROW_SPECIAL } from '../../../../src-main/protocols/rets/search/compact-row-decoder'

function expected(buf: Buffer, at: number, end: number, delimiter: number): number {
  const decoder = new CompactRowDecoder([])
  decoder.setDelimiter(delimiter)
  for (let i = at; i < end; i++) {
    if (buf[i] === 0x3c) return i
    if (decoder.classes[buf[i]!]! & ROW_SPECIAL) return -1
  }
  return -1
}

// mostly text, with every kind of byte now and then
const byte = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
  { weight: 1, arbitrary: fc.constantFrom(0x26, 0x3c, 0x09, 0x0a, 0x0d) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }
)

describe('repair byte finder', () => {
  it('is available (WebAssembly SIMD) in the Node and Electron versions we ship', () => {
    expect(createRepairByteFinder()).toBeDefined()
  })

  it('finds the row end of any range like the byte class table', () => {
    const finder = createRepairByteFinder()!
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(0x09, 0x01, 0x7c, 0x26, 0x1f),
        (bytes, a, b, steps, delimiter) => {
          const buf = Buffer.from(bytes)
          const from = a % (buf.length + 1)
          const to = from + (b % (buf.length - from + 1))
          expect(finder.load(buf, from, to)).toBe(true)
          // searches from several points of the loaded range, each bounded by an end inside it
          let at = from
          for (const s of [...steps, to]) {
            const end = Math.min(to, at + s)
            expect(finder.rowEnd(at, end, delimiter)).toBe(expected(buf, at, end, delimiter))
            at = end
          }
        }
      ),
      { numRuns: 1500 }
    )
  })

  it('never reports a byte past the range, even with stale bytes after it', () => {
    const finder = createRepairByteFinder()!
    finder.load(Buffer.from('<'.repeat(50) + '\u0001'.repeat(50)), 0, 100)
    finder.load(Buffer.from('abc'), 0, 3)
    expect(finder.rowEnd(0, 3, 0x09)).toBe(-1)
    finder.load(Buffer.from('xx<y'), 0, 4)
    expect(finder.rowEnd(0, 2, 0x09)).toBe(-1)
    expect(finder.rowEnd(0, 4, 0x09)).toBe(2)
  })

  it('grows for a larger range and refuses one far larger than a chunk', () => {
    const finder = createRepairByteFinder()!
    const big = Buffer.alloc(300_000, 0x41)
    big[299_990] = 0x3c
    expect(finder.load(big, 10, big.length)).toBe(true)
    expect(finder.rowEnd(10, big.length, 0x09)).toBe(299_990)
    big[200_000] = 0x26
    finder.load(big, 10, big.length)
    expect(finder.rowEnd(10, big.length, 0x09)).toBe(-1)
    expect(finder.load(Buffer.alloc(9 * 1024 * 1024), 0, 9 * 1024 * 1024)).toBe(false)
  })
})
