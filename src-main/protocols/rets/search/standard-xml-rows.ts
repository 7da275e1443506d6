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

export class StandardXmlRowCollector implements XmlHandlers {
  readonly facts: XmlSearchFacts = { maxRows: false }
  private depth = 0
  private reDataDepth = -1
  private path: string[] = []
  private record: Map<string, string> | undefined
  private leafText = ''
  private hasChildren: boolean[] = []
  private readonly columns = new RecordColumns()

  constructor(private readonly sink: RowSink) {}

  open(name: string, attrs: Record<string, string>): void {
    this.depth++
    const upper = name.toUpperCase()
    if (this.reDataDepth < 0) {
      if (upper === 'RETS' || upper === 'RETS-STATUS') {
        const code = attrs.ReplyCode ?? attrs.replycode
        if (code !== undefined) this.facts.replyCode = Number(code)
        const text = attrs.ReplyText ?? attrs.replytext
        if (text !== undefined) this.facts.replyText = text
      } else if (upper === 'COUNT') {
        const n = Number(attrs.Records ?? attrs.records)
        if (Number.isFinite(n)) this.facts.count = n
      } else if (upper === 'MAXROWS') this.facts.maxRows = true
      else if (upper === 'REDATA') this.reDataDepth = this.depth
      return
    }
    if (this.depth === this.reDataDepth + 2) {
      this.record = new Map()
      this.path = []
      this.hasChildren = []
      return
    }
    if (this.record && this.depth > this.reDataDepth + 2) {
      if (this.hasChildren.length > 0) this.hasChildren[this.hasChildren.length - 1] = true
      this.path.push(name)
      this.hasChildren.push(false)
      this.leafText = ''
    }
  }

  text(t: string): void {
    if (this.record) this.leafText += t
  }

  close(name: string): void {
    const upper = name.toUpperCase()
    if (this.record && this.depth > this.reDataDepth + 2) {
      const leaf = this.hasChildren.pop() === false
      if (leaf) this.record.set(this.path.join('.'), this.leafText)
      this.path.pop()
      this.leafText = ''
    } else if (this.record && this.depth === this.reDataDepth + 2) {
      this.emit(this.record)
      this.record = undefined
    } else if (upper === 'REDATA') this.reDataDepth = -1
    else if (upper === 'MAXROWS') this.facts.maxRows = true
    this.depth--
  }

  private emit(record: Map<string, string>): void {
    this.sink.row(this.columns.row(record, this.sink))
  }
}
