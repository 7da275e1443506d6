// XML records (STANDARD-XML REData, IDX details) name their values, and a later record may carry an element no
// earlier one had: the columns grow as records arrive, and each record becomes a row in the current column order.
import type { RowSink } from './standard-xml-rows'

export class RecordColumns {
  private readonly index = new Map<string, number>()
  private readonly list: string[] = []

  /** The record as a row; tells the sink first when it added columns (earlier rows read back padded). */
  row(record: Map<string, string>, sink: Pick<RowSink, 'columns'>): string[] {
    let grew = false
    for (const key of record.keys()) {
      if (!this.index.has(key)) {
        this.index.set(key, this.list.length)
        this.list.push(key)
        grew = true
      }
    }
    if (grew) sink.columns([...this.list])
    const values = new Array<string>(this.list.length).fill('')
    for (const [k, v] of record) values[this.index.get(k)!] = v
    return values
  }
}
