// A record read as a row (RETS COMPACT): its cells by position, its JSON built from the column names quoted once per
// reply. `values` (the object other stores and callers read) and the JSON are only made when asked for.
import type { RecordRow, SyncRecord } from './sync-types'

// what JSON must escape in a string (quote, backslash, controls) and lone-surrogate halves, which it writes as \u
// escapes: such a cell goes through JSON.stringify, every other one is quoted as it is
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

export class ColumnSet {
  /** `{"A":"`, `","B":"` …: each value's opening quote with the previous one's closing quote */
  private readonly prefixes: string[]
  constructor(readonly names: readonly string[]) {
    this.prefixes = names.map((n, i) => `${i === 0 ? '{' : '",'}${JSON.stringify(n)}:"`)
  }

  /** the same text as JSON.stringify of the row as an object (a repeated name: JSON.parse keeps the last, as it would) */
  json(cells: readonly string[]): string {
    const prefixes = this.prefixes
    if (prefixes.length === 0) return '{}'
    let out = ''
    for (let i = 0; i < prefixes.length; i++) {
      const v = cells[i] ?? ''
      out += prefixes[i] + (NEEDS_ESCAPE.test(v) ? JSON.stringify(v).slice(1, -1) : v)
    }
    return `${out}"}`
  }
}

/** Holds only the cells: the JSON is made when the store writes the record, so it dies young (the heap stays small). */
export class RowRecord implements SyncRecord, RecordRow {
  readonly columns: readonly string[]
  constructor(
    readonly key: string,
    readonly stamp: string,
    private readonly set: ColumnSet,
    readonly cells: readonly string[]
  ) {
    this.columns = set.names
  }

  get row(): RecordRow {
    return this
  }

  get json(): string {
    return this.set.json(this.cells)
  }

  get values(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (let i = 0; i < this.columns.length; i++) out[this.columns[i] as string] = this.cells[i] ?? ''
    return out
  }
}
