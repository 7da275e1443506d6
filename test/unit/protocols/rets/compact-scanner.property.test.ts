import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { CompactScanner, type CompactEvent } from '../../../../src-main/protocols/rets/search/compact-scanner'

// values without the delimiter or markup characters; spaces, empties and non-ASCII included
const value = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', 'é', 'ñ', '-', '.', '&', '漢'), maxLength: 8 })

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;')
}

function buildReply(columns: string[], rows: string[][], delimiter: string, countFirst: boolean): Buffer {
  const hex = delimiter.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()
  const line = (vals: string[]) => `${delimiter}${vals.map(escapeXml).join(delimiter)}${delimiter}`
  const count = `<COUNT Records="${rows.length}"/>\r\n`
  const delim = `<DELIMITER value="${hex}"/>\r\n`
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<RETS ReplyCode="0" ReplyText="OK">\r\n${countFirst ? count + delim : delim + count}` +
      `<COLUMNS>${line(columns)}</COLUMNS>\r\n${rows.map((r) => `<DATA>${line(r)}</DATA>\r\n`).join('')}<MAXROWS/>\r\n</RETS>\r\n`,
    'utf8'
  )
}

function run(body: Buffer, cuts: number[]): CompactEvent[] {
  const scanner = new CompactScanner()
  const events: CompactEvent[] = []
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    events.push(...scanner.push(body.subarray(at, cut)))
    at = cut
  }
  events.push(...scanner.push(body.subarray(at)))
  events.push(...scanner.end())
  return events
}

describe('COMPACT scanner properties', () => {
  it('any chunking yields the same rows as one chunk, equal to the input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.record({
            columns: fc.array(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/), { minLength: width, maxLength: width }),
            rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 20 }),
            delimiter: fc.constantFrom('\t', '|', ',', '\u0001'),
            countFirst: fc.boolean(),
            cuts: fc.array(fc.nat(), { maxLength: 30 })
          })
        ),
        ({ columns, rows, delimiter, countFirst, cuts }) => {
          const body = buildReply(columns, rows, delimiter, countFirst)
          const whole = run(body, [])
          const chunked = run(
            body,
            cuts.map((c) => c % (body.length + 1))
          )
          expect(chunked).toEqual(whole)
          const gotRows = whole.flatMap((e) => (e.type === 'row' ? [e.values] : []))
          expect(gotRows).toEqual(rows)
          const cols = whole.find((e) => e.type === 'columns')
          expect(cols && cols.type === 'columns' ? cols.columns : undefined).toEqual(columns)
          expect(whole.some((e) => e.type === 'count' && e.records === rows.length)).toBe(true)
          expect(whole.some((e) => e.type === 'maxrows')).toBe(true)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('byte-at-a-time feeding never splits a multi-byte character', () => {
    const body = buildReply(['A'], [['Núñez 漢字'], ['']], '\t', true)
    const events = run(
      body,
      Array.from({ length: body.length }, (_, i) => i)
    )
    expect(events.flatMap((e) => (e.type === 'row' ? [e.values] : []))).toEqual([['Núñez 漢字'], ['']])
  })
})
