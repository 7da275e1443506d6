// STANDARD-XML search rows (RETS 1.7.2 §7.4.8): <RETS><COUNT/><REData><REProperties><ResidentialProperty>…
// Each element two levels below REData is one record; its leaf elements become columns named by their path
// inside the record (Listing.ListPrice). Columns are discovered as they appear, so the sink may see more columns
// later; earlier rows are then shorter and read back padded.
import type { DelimitedRow, DelimitedRows } from '../../../platform/results/result-types'
import type { XmlHandlers } from '../xml-stream'
import { RecordColumns } from './record-columns'

export interface RowSink {
  columns(columns: string[]): void
  row(values: string[]): void
  /** optional: COMPACT rows that need no decoding, as bytes (not padded); without it they arrive through row() */
  delimitedRow?(row: DelimitedRow): void
  /** optional: a batch of them (see DelimitedRows); without it they arrive through delimitedRow() or row() */
  delimitedRows?(rows: DelimitedRows): void
}

export interface XmlSearchFacts {
  replyCode?: number
  replyText?: string
  count?: number
  maxRows: boolean
}

/**
 * Called once per element of a reply of a million records × dozens of fields, so the record's state is a few
 * flat fields: no per-element objects, no path joins for the usual flat record (the leaf's name is its column,
 * and the tokenizer hands the same name string every time, so the column lookup hashes nothing).
 */
export class StandardXmlRowCollector implements XmlHandlers {
  readonly facts: XmlSearchFacts = { maxRows: false }
  private depth = 0
  /** depth of REData's record elements (REData + 2) while inside REData, else -1 */
  private recordDepth = -1
  private inRecord = false
  /** depth of the element opened last, until something closes: an element closing at that depth is a leaf */
  private lastOpen = -1
  private leafText = ''
  /** paths of the open elements below the record (nested records only: Listing, Listing.Address …) */
  private readonly paths: string[] = []
  /** the record's (column, value) pairs so far */
  private readonly cols: number[] = []
  private readonly values: string[] = []
  private count = 0
  private readonly columns = new RecordColumns()

  constructor(private readonly sink: RowSink) {}

  open(name: string, attrs: Record<string, string>): void {
    const depth = ++this.depth
    if (this.recordDepth < 0) {
      this.openEnvelope(name, attrs)
      return
    }
    if (depth === this.recordDepth) {
      this.inRecord = true
      this.count = 0
      this.lastOpen = -1
      return
    }
    if (depth > this.recordDepth && this.inRecord) {
      const level = depth - this.recordDepth - 1
      this.paths[level] = level === 0 ? name : `${this.paths[level - 1]!}.${name}`
      this.lastOpen = depth
      this.leafText = ''
    }
  }

  private openEnvelope(name: string, attrs: Record<string, string>): void {
    const upper = name.toUpperCase()
    if (upper === 'RETS' || upper === 'RETS-STATUS') {
      const code = attrs.ReplyCode ?? attrs.replycode
      if (code !== undefined) this.facts.replyCode = Number(code)
      const text = attrs.ReplyText ?? attrs.replytext
      if (text !== undefined) this.facts.replyText = text
    } else if (upper === 'COUNT') {
      const n = Number(attrs.Records ?? attrs.records)
      if (Number.isFinite(n)) this.facts.count = n
    } else if (upper === 'MAXROWS') this.facts.maxRows = true
    else if (upper === 'REDATA') this.recordDepth = this.depth + 2
  }

  text(t: string): void {
    if (this.inRecord) this.leafText += t
  }

  close(name: string): void {
    const depth = this.depth--
    if (this.inRecord) {
      if (depth > this.recordDepth) {
        if (this.lastOpen === depth) this.addValue(this.paths[depth - this.recordDepth - 1]!, this.leafText)
        this.lastOpen = -1
        this.leafText = ''
      } else if (depth === this.recordDepth) {
        this.inRecord = false
        this.sink.row(this.columns.rowOf(this.cols, this.values, this.count, this.sink))
      }
      return
    }
    const upper = name.toUpperCase()
    if (upper === 'REDATA') this.recordDepth = -1
    else if (upper === 'MAXROWS') this.facts.maxRows = true
  }

  private addValue(path: string, value: string): void {
    const i = this.count++
    this.cols[i] = this.columns.columnOf(path)
    this.values[i] = value
  }
}
