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

  it('takes a run of plain rows like the scanner would one by one, and stops where the first other row begins', () => {
    const finder = createRepairByteFinder()!
    const value = fc.array(byte, { maxLength: 12 }).map((b) => Buffer.from(b).toString('latin1'))
    const row = fc
      .tuple(fc.array(value, { maxLength: 5 }), fc.boolean(), fc.boolean(), fc.constantFrom('', '\n', '\r\n', ' \t'))
      .map(
        ([values, lead, trail, gap]) => `<DATA>${lead ? '\t' : ''}${values.join('\t')}${trail ? '\t' : ''}</DATA>${gap}`
      )
    const other = fc.constantFrom('<COUNT Records="3"/>', '</DATA>', '<DATA', '<data>x</data>', 'x', '<DATA>a</DATA >')
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 6, arbitrary: row }, { weight: 1, arbitrary: other }), { maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(0x09, 0x7c),
        (parts, cut, delimiter) => {
          const text = parts.join('').replace(/\t/g, String.fromCharCode(delimiter))
          const buf = Buffer.from(`xx${text}`, 'latin1')
          const end = 2 + (cut % (buf.length - 1))
          expect(finder.load(buf, 2, buf.length)).toBe(true)
          const spans: number[] = []
          const stop = finder.rows(2, end, delimiter, spans)
          expect({ spans, stop }).toEqual(expectedRows(buf, 2, end, delimiter))
        }
      ),
      { numRuns: 1500 }
    )
  })
})

/** The rows the scanner's per-row path would take from `at` on (see RepairByteFinder.rows). */
function expectedRows(buf: Buffer, at: number, end: number, delimiter: number): { spans: number[]; stop: number } {
  const spans: number[] = []
  let stop = at
  while (at + 6 <= end && buf.toString('latin1', at, at + 6) === '<DATA>') {
    const rowEnd = expected(buf, at + 6, end, delimiter)
    if (rowEnd < 0 || rowEnd + 7 > end || buf.toString('latin1', rowEnd, rowEnd + 7) !== '</DATA>') break
    let from = at + 6
    let to = rowEnd
    if (from < to && buf[from] === delimiter) from++
    if (from < to && buf[to - 1] === delimiter) to--
    spans.push(from, to)
    at = rowEnd + 7
    while (at < end && [0x0d, 0x0a, 0x20, 0x09].includes(buf[at]!)) at++
    stop = at
  }
  return { spans, stop }
}
