// Turning a DelimitedRow (RETS COMPACT bytes handed over without decoding) into values, for writers and sinks
// that want strings. One decode per row and one split: the bytes are valid UTF-8 and the delimiter is ASCII, so
// splitting the decoded text on the delimiter character equals splitting the bytes (an ASCII byte never occurs
// inside a multi-byte UTF-8 sequence).
import type { DelimitedRow, DelimitedRows, ResultWriter } from './result-types'

/** The row's values, padded with empty strings up to `width` (COMPACT short rows pad, RETS 1.7.2 §7.4.7). */
export function splitDelimitedRow(row: DelimitedRow, width = 0): string[] {
  const values = row.bytes.toString('utf8', row.start, row.end).split(String.fromCharCode(row.delimiter))
  while (values.length < width) values.push('')
  return values
}

/** A COMPACT row into a writer: as bytes when the writer takes them (the result store), else as values. */
export function appendDelimited(writer: ResultWriter, row: DelimitedRow, width: number): void {
  if (writer.appendDelimited) writer.appendDelimited(row)
  else writer.append(splitDelimitedRow(row, width))
}

/** The rows of a batch one by one; one row object for all: a row is only valid during the call (DelimitedRow). */
export function eachDelimitedRow(batch: DelimitedRows, each: (row: DelimitedRow) => void): void {
  const row = { bytes: batch.bytes, start: 0, end: 0, delimiter: batch.delimiter }
  const spans = batch.spans
  for (let k = 0; k < spans.length; k += 2) {
    row.start = spans[k]!
    row.end = spans[k + 1]!
    each(row)
  }
}
