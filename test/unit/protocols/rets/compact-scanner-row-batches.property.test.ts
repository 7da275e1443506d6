// The rowBatches option (plain rows as one 'delimitedRows' event of byte ranges) must hand over the same rows, in
// the same order relative to the other events, as one 'delimitedRow' event per row — for any chunking.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CompactScanner, type CompactEvent } from '../../../../src-main/protocols/rets/search/compact-scanner'

function flatten(body: Buffer, cuts: number[], rowBatches: boolean): string[] {
  const scanner = new CompactScanner(undefined, { delimitedRows: true, rowBatches })
  const events: CompactEvent[] = []
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    events.push(...scanner.push(body.subarray(at, cut)))
    at = cut
  }
  events.push(...scanner.push(body.subarray(at)), ...scanner.end())
  const out: string[] = []
  for (const e of events) {
    if (e.type === 'delimitedRows')
      for (let k = 0; k < e.spans.length; k += 2)
        out.push(`plain:${e.bytes.toString('utf8', e.spans[k], e.spans[k + 1])}`)
    else if (e.type === 'delimitedRow') out.push(`plain:${e.bytes.toString('utf8', e.start, e.end)}`)
    else if (e.type === 'row') out.push(`row:${e.values.join('|')}`)
    else out.push(e.type)
  }
  return out
}

const cell = fc.constantFrom('a', 'Zé', '', '1.5', 'x&amp;y', 'a>b', '\u0002')

describe('COMPACT row batches', () => {
  it('give the rows and event order of one event per row, for any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (rows, cutSeeds) => {
          const body = Buffer.from(
            '<RETS ReplyCode="0" ReplyText="OK">\r\n<COUNT Records="9"/>\r\n<DELIMITER value="09"/>\r\n' +
              '<COLUMNS>\tA\tB\t</COLUMNS>\r\n' +
              rows.map((r) => `<DATA>\t${r.join('\t')}\t</DATA>\r\n`).join('') +
              '<MAXROWS/>\r\n</RETS>\r\n'
          )
          const cuts = cutSeeds.map((n) => n % (body.length + 1))
          expect(flatten(body, cuts, true)).toEqual(flatten(body, cuts, false))
        }
      ),
      { numRuns: 300 }
    )
  })
})
