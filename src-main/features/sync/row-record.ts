// A record read as a row (RETS COMPACT): its cells by position, its JSON built from the column names quoted once per
// reply. `values` (the object other stores and callers read) is only made when asked for.
import type { RecordRow, SyncRecord } from './sync-types'

// what JSON must escape in a string (quote, backslash, controls) and lone-surrogate halves, which it writes as \u
// escapes: such a cell goes through JSON.stringify, every other one is quoted as it is
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

export class ColumnSet {
  /** `{"A":`, `,"B":` … */
  private readonly prefixes: string[]
  constructor(readonly names: readonly string[]) {
    this.prefixes = names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`)
  }

  /** the same text as JSON.stringify of the row as an object (a repeated name: JSON.parse keeps the last, as it would) */
  json(cells: readonly string[]): string {
    if (this.prefixes.length === 0) return '{}'
    let out = ''
    for (let i = 0; i < this.prefixes.length; i++) {
      const v = cells[i] ?? ''
      out += this.prefixes[i] + (NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`)
    }
    return `${out}}`
  }
}

export class RowRecord implements SyncRecord {
  readonly row: RecordRow
  constructor(
    readonly key: string,
    readonly stamp: string,
    set: ColumnSet,
    cells: readonly string[]
  ) {
    this.row = { columns: set.names, cells, json: set.json(cells) }
  }

  get values(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const { columns, cells } = this.row
    for (let i = 0; i < columns.length; i++) out[columns[i] as string] = cells[i] ?? ''
    return out
  }
}
