// Turning a DelimitedRow (RETS COMPACT bytes handed over without decoding) into values, for writers and sinks
// that want strings. One decode per row and one split: the bytes are valid UTF-8 and the delimiter is ASCII, so
// splitting the decoded text on the delimiter character equals splitting the bytes (an ASCII byte never occurs
// inside a multi-byte UTF-8 sequence).
import type { DelimitedRow } from './result-types'

/** The row's values, padded with empty strings up to `width` (COMPACT short rows pad, RETS 1.7.2 §7.4.7). */
export function splitDelimitedRow(row: DelimitedRow, width = 0): string[] {
  const values = row.bytes.toString('utf8', row.start, row.end).split(String.fromCharCode(row.delimiter))
  while (values.length < width) values.push('')
  return values
}
