// The line format of the result store's spill file. Two kinds, told apart by the first byte:
//   `[` …  a JSON array of strings (appended values that hold the US separator or surrogates, empty rows);
//   D …    a delimited row: the delimiter byte D, then UTF-8 values separated by D (RETS COMPACT rows copied
//          byte for byte from the reply — no strings are made while a search streams in — and appended values
//          joined with US, 0x1F).
// Lines end with LF, but rows are located through the store's offset index, never by searching for LF, so a
// delimited value may contain raw line breaks (JSON lines never do).
const LEFT_BRACKET = 0x5b

/** Delimiters a delimited line can carry: ASCII (so splitting the decoded text is exact) and not `[`. */
export function isSpillDelimiter(delimiter: number): boolean {
  return delimiter >= 0 && delimiter < 0x80 && delimiter !== LEFT_BRACKET
}

/** Values of the line in `buf[start, end)` (without its LF), padded to `width`. */
export function readSpillLine(buf: Buffer, start: number, end: number, width: number): string[] {
  const row =
    buf[start] === LEFT_BRACKET
      ? (JSON.parse(buf.toString('utf8', start, end)) as string[])
      : buf.toString('utf8', start + 1, end).split(String.fromCharCode(buf[start]!))
  while (row.length < width) row.push('')
  return row
}
