// The OData byte lane (record-line.ts) must give exactly the cells the parsed lane gives — cellText of each
// column's value after JSON.parse — for any record it takes; records it declines go to JSON.parse.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { RecordLineWriter } from '../../../../src-main/protocols/odata/record-line'
import { cellText } from '../../../../src-main/protocols/json-api/cell-text'

const COLUMNS = ['A', 'B', 'Ç', 'D']

function viaLine(text: string, columns = COLUMNS): string[] | undefined {
  const w = new RecordLineWriter(columns)
  // surrounded by other bytes, as a record inside a batch is
  const bytes = Buffer.from(`[1,${text} ,"x\\\\"]`, 'utf8')
  const start = 3
  const n = w.line(bytes, start, bytes.length - 7)
  return n < 0 ? undefined : w.out.toString('utf8', 0, n).split('\u001f')
}

function viaParse(text: string, columns = COLUMNS): string[] {
  const rec = JSON.parse(text) as Record<string, unknown>
  return columns.map((c) => cellText(rec[c]))
}

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.5, -0.5, 1e-7, 1.5e-6, 123456789012345, 1234567890123456, -0, 1e21, 0.1),
  fc.boolean(),
  fc.constant(null)
)
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.array(fc.dictionary(fc.constantFrom('k', 'é', 'x"y'), scalar, { maxKeys: 2 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 })
)
const key = fc.constantFrom('A', 'B', 'Ç', 'D', '@odata.etag', 'Other')

/** JSON texts as servers write them: compact, pretty, with escaped slashes or \u escapes for non-ASCII. */
const styled = (rec: Record<string, unknown>, style: number): string => {
  const text = JSON.stringify(rec, null, style === 1 ? 1 : undefined)
  if (style === 2) return text.replace(/\//g, '\\/')
  if (style === 3) return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  if (style === 4) return text.replace(/(?<=[:,[])(-?\d+)(?=[,}\]])/g, '$1.0')
  return text
}

describe('OData records as store lines', () => {
  it('any record the byte lane takes gives the parsed cells', () => {
    let taken = 0
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), fc.integer({ min: 0, max: 4 }), (pairs, style) => {
        const text = styled(Object.fromEntries(pairs), style)
        const line = viaLine(text)
        if (line) {
          taken++
          expect(line).toEqual(viaParse(text))
        }
      }),
      { numRuns: 3000 }
    )
    // most records must take the lane, or it is no lane
    expect(taken).toBeGreaterThan(1000)
  })

  it('declines what it cannot copy exactly: unknown keys, duplicates, non-canonical nested values', () => {
    expect(viaLine('{"A":"x","Other":1}')).toBeUndefined()
    expect(viaLine('{"A":"x","A":"y"}')).toBeUndefined()
    expect(viaLine('{"A":{"k": 1}}')).toBeUndefined()
    expect(viaLine('{"A":[{"k":1.50}]}')).toBeUndefined()
    expect(viaLine('{"A":"a\\u001fb"}')).toBeUndefined()
    expect(viaLine('{"A":"\\ud800"}')).toBeUndefined()
  })

  it('takes real-looking records: escapes, lists, expansions, annotations, nulls', () => {
    const text =
      '{"@odata.etag":"W/\\"1\\"","A":"a \\"q\\" \\\\ \\/ \\n\\u00e9 \\ud83d\\ude00","B":["x","y\\"",null,2],' +
      '"Ç":[{"MediaKey":"1-1","Order":1}],"D":null}'
    expect(viaLine(text)).toEqual(viaParse(text))
  })
})
