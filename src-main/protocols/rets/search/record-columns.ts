// XML records (STANDARD-XML REData, IDX details) name their values, and a later record may carry an element no
// earlier one had: the columns grow as records arrive, and each record becomes a row in the current column order.
import type { RowSink } from './standard-xml-rows'

export class RecordColumns {
  private readonly index = new Map<string, number>()
  private readonly list: string[] = []
  /** columns were added since the sink was last told */
  private grew = false

  /** The column of `key`, added at the end when it is new. */
  columnOf(key: string): number {
    const at = this.index.get(key)
    if (at !== undefined) return at
    this.index.set(key, this.list.length)
    this.list.push(key)
    this.grew = true
    return this.list.length - 1
  }

  /**
   * The row of `count` (column, value) pairs, a later pair winning over an earlier one of the same column; tells
   * the sink first when columns were added (earlier rows read back padded).
   */
  rowOf(
    columns: ArrayLike<number>,
    values: ArrayLike<string>,
    count: number,
    sink: Pick<RowSink, 'columns'>
  ): string[] {
    if (this.grew) {
      this.grew = false
      sink.columns([...this.list])
    }
    const row = new Array<string>(this.list.length).fill('')
    for (let i = 0; i < count; i++) row[columns[i]!] = values[i]!
    return row
  }

  /** The record as a row (its keys in first-seen order become the new columns). */
  row(record: Map<string, string>, sink: Pick<RowSink, 'columns'>): string[] {
    const columns: number[] = []
    const values: string[] = []
    for (const [k, v] of record) {
      columns.push(this.columnOf(k))
      values.push(v)
    }
    return this.rowOf(columns, values, columns.length, sink)
  }
}
