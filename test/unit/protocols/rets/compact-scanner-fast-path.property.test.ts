// The scanner's fast paths (bench case "compact"): `<DATA>` rows walked through a byte class table, whole-row
// decoding, 'delimitedRow' byte ranges for plain rows, and the carry-over join at chunk boundaries. Each property
// compares against values computed here from the input, for any chunking.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  CompactScanner,
  type CompactEvent,
  type CompactScannerOptions
} from '../../../../src-main/protocols/rets/search/compact-scanner'
import { splitDelimitedRow } from '../../../../src-main/platform/results/delimited-row'

interface Scan {
  rows: string[][]
  kinds: Array<'row' | 'delimitedRow'>
  warnings: string[]
  repairs: number
}

/** Feeds `body` cut at `cuts` and turns every row event into values (delimited rows padded to the columns). */
function scan(body: Buffer, cuts: number[], charset?: string, options: CompactScannerOptions = {}): Scan {
  const scanner = new CompactScanner(charset, options)
  const events: CompactEvent[] = []
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    events.push(...scanner.push(body.subarray(at, cut)))
    at = cut
  }
  events.push(...scanner.push(body.subarray(at)))
  events.push(...scanner.end())
  let width = 0
  const out: Scan = { rows: [], kinds: [], warnings: scanner.warnings, repairs: scanner.repairs }
  for (const e of events) {
    if (e.type === 'columns') width = e.columns.length
    if (e.type === 'row') out.rows.push(e.values)
    if (e.type === 'delimitedRow') out.rows.push(splitDelimitedRow(e, width))
    if (e.type === 'row' || e.type === 'delimitedRow') out.kinds.push(e.type)
  }
  return out
}

// a value as it is meant (left) and as a server writes it (right); `>` and a lone `<` exercise the carry-over
// join and the generic fallback, `&amp;` and a raw control character the repair path
const piece = fc.constantFrom<[string, string]>(
  ['a', 'a'],
  ['Z9', 'Z9'],
  [' ', ' '],
  ['é', 'é'],
  ['漢', '漢'],
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['a>b', 'a>b'],
  ['x<y', 'x<y'],
  ['\n', '\n'],
  [' ', '\u0002']
)
const value = fc.array(piece, { maxLength: 4 })

function reply(columns: string[], rows: string[][], delimiter: string, leading: boolean, trailing: boolean): string {
  const hex = delimiter.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()
  // an empty first/last value needs its delimiter (without it the row is ambiguous, as on the wire)
  const line = (vals: string[]) =>
    `${leading || vals[0] === '' ? delimiter : ''}${vals.join(delimiter)}${trailing || vals[vals.length - 1] === '' ? delimiter : ''}`
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<RETS ReplyCode="0" ReplyText="OK">\r\n<DELIMITER value="${hex}"/>\r\n` +
    `<COLUMNS>${delimiter}${columns.join(delimiter)}${delimiter}</COLUMNS>\r\n` +
    rows.map((r) => `<DATA>${line(r)}</DATA>\r\n`).join('') +
    '</RETS>\r\n'
  )
}

const cutsOf = (length: number, cuts: number[]) => cuts.map((c) => c % (length + 1))

describe('COMPACT scanner fast paths', () => {
  it('any chunking gives the intended values, as delimited rows or decoded rows alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.record({
            rows: fc.array(fc.array(value, { minLength: 1, maxLength: width }), { maxLength: 12 }),
            width: fc.constant(width),
            delimiter: fc.constantFrom('\t', '|', '\u0001'),
            leading: fc.boolean(),
            trailing: fc.boolean(),
            cuts: fc.array(fc.nat(), { maxLength: 25 })
          })
        ),
        ({ rows, width, delimiter, leading, trailing, cuts }) => {
          const columns = Array.from({ length: width }, (_, i) => `C${i}`)
          const wire = rows.map((r) => r.map((v) => v.map(([, w]) => w).join('')))
          // a raw control character becomes a space once repaired
          const meant = rows.map((r) => {
            const vals = r.map((v) => v.map(([m]) => m).join(''))
            while (vals.length < width) vals.push('')
            return vals
          })
          const body = Buffer.from(reply(columns, wire, delimiter, leading, trailing), 'utf8')
          const expectedRepairs = wire.flat().join('').split('\u0002').length - 1
          for (const delimitedRows of [true, false]) {
            const got = scan(body, cutsOf(body.length, cuts), undefined, { delimitedRows })
            expect(got.rows).toEqual(meant)
            expect(got.repairs).toBe(expectedRepairs)
            // plain rows (nothing to repair or decode) and only those travel as bytes
            const plain = wire.map((r) => (/[&\u0002]/.test(r.join('')) ? 'row' : 'delimitedRow'))
            expect(got.kinds).toEqual(delimitedRows ? plain : plain.map(() => 'row'))
          }
        }
      ),
      { numRuns: 400 }
    )
  })

  it('plain rows travel as bytes; rows needing repair, entities or a charset fallback are decoded', () => {
    const body = Buffer.concat([
      Buffer.from(
        '<RETS ReplyCode="0" ReplyText="OK">\n<COLUMNS>\tA\tB\tC\t</COLUMNS>\n' +
          '<DATA>\tplain\t\tNúñez 漢字\t</DATA>\n' +
          '<DATA>\tSmith &amp; Sons\tx\t</DATA>\n' +
          '<DATA>\tbell\u0007\t</DATA>\n<DATA>\t',
        'utf8'
      ),
      Buffer.from([0x4e, 0xfa, 0xf1, 0x65, 0x7a]), // "Núñez" in ISO-8859-1: not UTF-8
      Buffer.from('\tok\t</DATA>\n<DATA></DATA>\n</RETS>\n', 'utf8')
    ])
    const got = scan(body, [], undefined, { delimitedRows: true })
    expect(got.rows).toEqual([
      ['plain', '', 'Núñez 漢字'],
      ['Smith & Sons', 'x', ''],
      ['bell ', '', ''],
      ['Núñez', 'ok', ''],
      ['', '', '']
    ])
    expect(got.kinds).toEqual(['delimitedRow', 'row', 'row', 'row', 'delimitedRow'])
    expect(got.repairs).toBe(1)
    expect(got.warnings).toEqual([
      'Some values are not valid UTF-8; they were read as ISO-8859-1 (Latin-1).',
      '1 invalid XML character(s) or entities were repaired.'
    ])
  })

  it('ISO-8859-1 replies: ASCII rows travel as bytes, others decode byte for byte', () => {
    const body = Buffer.from(
      '<RETS ReplyCode="0">\n<DELIMITER value="7C"/>\n<COLUMNS>|A|B|</COLUMNS>\n<DATA>|x|y|</DATA>\n<DATA>|Ca\u00f1on|\u00e9|</DATA>\n</RETS>',
      'latin1'
    )
    for (const cuts of [[], [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 75, 90]]) {
      const got = scan(body, cuts, 'ISO-8859-1', { delimitedRows: true })
      expect(got.rows).toEqual([
        ['x', 'y'],
        ['Cañon', 'é']
      ])
      expect(got.kinds).toEqual(['delimitedRow', 'row'])
    }
  })

  it('keeps generic records: lower-case tags, spaces in end tags, self-closing DATA', () => {
    const body = Buffer.from(
      '<RETS ReplyCode="0">\n<COLUMNS>\tA\tB\t</COLUMNS>\n<data>\tq\tr\t</data>\n<DATA>\ts\tt\t</DATA >\n<DATA/>\n</RETS>'
    )
    const cuts = Array.from({ length: body.length }, (_, i) => i)
    for (const c of [[], cuts]) {
      const got = scan(body, c, undefined, { delimitedRows: true })
      expect(got.rows).toEqual([
        ['q', 'r'],
        ['s', 't'],
        ['', '']
      ])
    }
  })

  it('a non-ASCII delimiter never takes the byte lane (UTF-8 bytes would not split the same)', () => {
    const body = Buffer.from(
      '<RETS ReplyCode="0">\n<DELIMITER value="A7"/>\n<DATA>\u00a7a\u00a7b\u00a7</DATA>\n</RETS>',
      'latin1'
    )
    const got = scan(body, [], 'utf-8', { delimitedRows: true })
    expect(got.kinds).toEqual(['row'])
    expect(got.rows).toEqual([['a', 'b']])
  })
})
