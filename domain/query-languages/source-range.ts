// Offsets are UTF-16 indexes into the query text (what JS strings and Monaco's getOffsetAt use), `to` exclusive.
export interface SourceRange {
  from: number
  to: number
}

/** Where an offset is, as people count: "line 1, column 33" (1-based; a tab counts as one column). */
export function positionOf(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset))
  const line = before.split('\n').length
  const column = offset - (before.lastIndexOf('\n') + 1) + 1
  return `line ${line}, column ${column}`
}

/**
 * A query that cannot be parsed. `offset`/`end` point at the offending text so the editor can underline it and the
 * Demo MLS server can quote it in its error reply (RETS 20206 "Invalid Query Syntax", OData 400).
 */
export class QuerySyntaxError extends Error {
  readonly offset: number
  readonly end: number
  constructor(
    readonly language: 'dmql' | 'odata' | 'sparkql',
    message: string,
    offset: number,
    end?: number
  ) {
    super(message)
    this.name = 'QuerySyntaxError'
    this.offset = offset
    this.end = Math.max(end ?? offset + 1, offset)
  }
}
