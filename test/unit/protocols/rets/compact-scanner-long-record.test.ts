// Records far longer than a chunk (issue 17 item 7): the scanner carries them in growing storage and resumes its
// searches, so the result equals one-chunk scanning for any record shape, and a record over the cap is refused.
import { describe, expect, it } from 'vitest'
import {
  CompactScanner,
  type CompactEvent,
  type CompactScannerOptions
} from '../../../../src-main/protocols/rets/search/compact-scanner'
import { splitDelimitedRow } from '../../../../src-main/platform/results/delimited-row'

function rows(body: Buffer, chunk: number, options: CompactScannerOptions = {}): string[][] {
  const scanner = new CompactScanner(undefined, { delimitedRows: true, ...options })
  const events: CompactEvent[] = []
  for (let at = 0; at < body.length; at += chunk) events.push(...scanner.push(body.subarray(at, at + chunk)))
  events.push(...scanner.end())
  let width = 0
  const out: string[][] = []
  for (const e of events) {
    if (e.type === 'columns') width = e.columns.length
    if (e.type === 'row') out.push(e.values)
    if (e.type === 'delimitedRow') out.push(splitDelimitedRow(e, width))
  }
  return out
}

function reply(records: string[]): Buffer {
  return Buffer.from(
    `<RETS ReplyCode="0" ReplyText="OK">\r\n<DELIMITER value="09"/>\r\n<COLUMNS>\tA\tB\t</COLUMNS>\r\n` +
      records.join('\r\n') +
      '\r\n<MAXROWS/>\r\n</RETS>\r\n',
    'latin1'
  )
}

const big = (n: number, unit: string): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)

describe('COMPACT records longer than a chunk', () => {
  const shapes: Record<string, string[]> = {
    'a plain row': [`<DATA>\t${big(300_000, 'abc')}\tx\t</DATA>`, '<DATA>\t1\t2\t</DATA>'],
    'a row full of `>`': [`<DATA>\t${big(300_000, 'a>b')}\tx\t</DATA>`, '<DATA>\t1\t2\t</DATA>'],
    'a row with a lone `<` (generic path)': [`<DATA>\tx<y${big(300_000, 'q<r')}\tz\t</DATA>`, '<DATA>\t3\t4\t</DATA>'],
    'a row with entities': [`<DATA>\t${big(200_000, 'a&amp;b&lt;')}\tz\t</DATA>`, '<DATA>\t5\t6\t</DATA>'],
    'a DATA tag with attributes': [`<DATA  x="1">\t${big(250_000, 'long')}\tz\t</DATA >`, '<DATA>\t7\t8\t</DATA>'],
    'a long tag before a row': [`<X-NOTE text="${big(200_000, 'n')}"/>`, '<DATA>\t9\t10\t</DATA>']
  }
  for (const [name, records] of Object.entries(shapes)) {
    it(`${name}: any chunk size gives the one-chunk rows`, () => {
      const body = reply(records)
      const whole = rows(body, body.length)
      expect(whole.length).toBeGreaterThan(0)
      for (const chunk of [1_000, 4_093, 65_536, 70_001]) expect(rows(body, chunk)).toEqual(whole)
    })
  }

  it('a record over the cap is refused with an error that names the limit', () => {
    const body = reply([`<DATA>\t${big(3 * 1048576, 'a')}\t</DATA>`])
    expect(() => rows(body, 65_536, { maxElementBytes: 2 * 1048576 })).toThrow(/larger than 2 MB/)
    expect(rows(body, 65_536, { maxElementBytes: 4 * 1048576 })[0]?.[0]?.length).toBe(3 * 1048576)
  })

  it('a reply of known length gives a huge record its storage once, at the size the reply allows', () => {
    const body = reply([`<DATA>\t${big(3 * 1048576, 'a')}\t</DATA>`, '<DATA>\t1\t2\t</DATA>'])
    const storage = (bodyBytes?: number): { sizes: Set<number>; rows: string[][] } => {
      const scanner = new CompactScanner(undefined, {
        delimitedRows: true,
        maxElementBytes: 64 * 1048576,
        ...(bodyBytes !== undefined ? { bodyBytes } : {})
      })
      const sizes = new Set<number>()
      const rows: string[][] = []
      for (let at = 0; at < body.length; at += 65_536)
        for (const e of scanner.push(body.subarray(at, at + 65_536)))
          if (e.type === 'delimitedRow') {
            sizes.add(e.bytes.buffer.byteLength)
            rows.push(splitDelimitedRow(e, 2))
          }
      return { sizes, rows }
    }
    const unknown = storage()
    const known = storage(body.length)
    expect(known.rows).toEqual(unknown.rows)
    expect(known.rows[0]![0]!.length).toBe(3 * 1048576)
    // doubling ends at 4 MB+ for a 3 MB record; the reply's length bounds it below that
    expect([...unknown.sizes][0]).toBeGreaterThan(4 * 1048576)
    expect([...known.sizes][0]).toBeLessThanOrEqual(body.length)
    // a reply longer than it said still reads whole (the bound is only where the storage starts)
    expect(storage(2 * 1048576).rows).toEqual(unknown.rows)
  })
})
