// STANDARD-XML replies of the IDX API are not RETS REData: records sit directly in
// <RETS-RESPONSE xmlns="MLSIDXAPI.Search.Property">, after an optional <Pagination> block —
//   details:     <PropertyDetails><ID>…</ID><LastUpdated>…</LastUpdated><Building><BedroomsTotal>3…
//   master list: <Property ID="10166883" LastUpdated="THU,03 DEC 2026 01:55:46 GMT"/>
//   agents:      <AgentDetails ID="…" LastUpdated="…"><Name>…</Name><Office ID="…">…
// Each record becomes one row: attributes of the record element keep their bare name (ID, LastUpdated), leaf
// elements and nested attributes are named by their path (Building.BedroomsTotal, AgentDetails.Office.ID).
// Repeated leaves (several <Phone>) are joined with " | ". The seed's own master-list sample nests the records
// inside <Pagination>; anything there that is not a pagination field is read as a record too.
import type { XmlHandlers } from '../../protocols/rets/xml-stream'
import type { RowSink } from '../../protocols/rets/search/standard-xml-rows'
import { RecordColumns } from '../../protocols/rets/search/record-columns'

export interface IdxPagination {
  totalRecords?: number
  limit?: number
  offset?: number
  totalPages?: number
  recordsReturned?: number
}

export interface IdxReplyFacts {
  replyCode?: number
  replyText?: string
  pagination: IdxPagination
  /** the record element name seen first (PropertyDetails, Property, AgentDetails…) */
  recordElement?: string
}

const PAGINATION_FIELDS: Record<string, keyof IdxPagination> = {
  totalrecords: 'totalRecords',
  limit: 'limit',
  offset: 'offset',
  totalpages: 'totalPages',
  recordsreturned: 'recordsReturned'
}

/** Thrown when a reply starts with the previous page's first record (the server ignored Offset). */
export class RepeatedReply extends Error {}

export class IdxRecordCollector implements XmlHandlers {
  readonly facts: IdxReplyFacts = { pagination: {} }
  /** records in the current reply, and the first one's values (detects a server that ignores Offset) */
  rowsInReply = 0
  firstRowKey: string | undefined
  private guardKey: string | undefined
  private depth = 0
  private responseDepth = -1
  private paginationDepth = -1
  private recordDepth = -1
  private record: Map<string, string> | undefined
  private path: string[] = []
  private hasChildren: boolean[] = []
  /** per open element: it carried attributes (an empty <Photo Count="4"/> adds no "Photo" column) */
  private hadAttributes: boolean[] = []
  private leafText = ''
  private readonly columns = new RecordColumns()

  /** `onRecord`: each record as the server named its values, before padding to the columns seen so far */
  constructor(
    private readonly sink: RowSink,
    private readonly onRecord?: (record: ReadonlyMap<string, string>) => void
  ) {}

  /** Starts the next reply (page or ID batch): fresh facts, same columns, so every page shares one column order. */
  beginReply(previousFirstRowKey?: string): void {
    this.guardKey = previousFirstRowKey
    Object.assign(this.facts, { pagination: {} })
    delete this.facts.replyCode
    delete this.facts.replyText
    this.depth = 0
    this.responseDepth = -1
    this.paginationDepth = -1
    this.recordDepth = -1
    this.record = undefined
    this.rowsInReply = 0
    this.firstRowKey = undefined
  }

  open(name: string, attrs: Record<string, string>): void {
    this.depth++
    const upper = localName(name).toUpperCase()
    this.leafText = ''
    if (this.record) {
      if (this.hasChildren.length > 0) this.hasChildren[this.hasChildren.length - 1] = true
      this.path.push(localName(name))
      this.hasChildren.push(false)
      let attributes = false
      for (const [key, value] of Object.entries(attrs)) {
        if (key.startsWith('xmlns')) continue
        this.set(`${this.path.join('.')}.${key}`, value)
        attributes = true
      }
      this.hadAttributes.push(attributes)
      return
    }
    if (upper === 'RETS' || upper === 'RETS-STATUS') {
      const code = attrs.ReplyCode ?? attrs.replycode ?? attrs.REPLYCODE
      if (code !== undefined) this.facts.replyCode = Number(code)
      const text = attrs.ReplyText ?? attrs.replytext ?? attrs.REPLYTEXT
      if (text !== undefined) this.facts.replyText = text
      return
    }
    if (upper === 'RETS-RESPONSE' && this.responseDepth < 0) {
      this.responseDepth = this.depth
      return
    }
    if (this.responseDepth < 0) return
    if (this.depth === this.responseDepth + 1 && upper === 'PAGINATION') {
      this.paginationDepth = this.depth
      return
    }
    const inPagination = this.paginationDepth > 0 && this.depth === this.paginationDepth + 1
    if (inPagination && PAGINATION_FIELDS[upper.toLowerCase()]) return
    if (this.depth === this.responseDepth + 1 || inPagination) this.startRecord(localName(name), attrs)
  }

  text(t: string): void {
    this.leafText += t
  }

  close(name: string): void {
    const lower = localName(name).toLowerCase()
    if (this.record && this.depth > this.recordDepth) {
      const leaf = this.hasChildren.pop() === false
      const attributed = this.hadAttributes.pop() === true
      const value = this.leafText.trim()
      if (leaf && (value !== '' || !attributed)) this.set(this.path.join('.'), value)
      this.path.pop()
    } else if (this.record && this.depth === this.recordDepth) {
      this.emit(this.record)
      this.record = undefined
      this.recordDepth = -1
    } else if (this.paginationDepth > 0 && this.depth === this.paginationDepth + 1 && PAGINATION_FIELDS[lower]) {
      const n = Number(this.leafText.trim())
      if (Number.isFinite(n)) this.facts.pagination[PAGINATION_FIELDS[lower]] = n
    } else if (this.depth === this.paginationDepth) {
      this.paginationDepth = -1
    } else if (this.depth === this.responseDepth) {
      this.responseDepth = -1
    }
    this.leafText = ''
    this.depth--
  }

  private startRecord(name: string, attrs: Record<string, string>): void {
    this.facts.recordElement ??= name
    this.record = new Map()
    this.recordDepth = this.depth
    this.path = []
    this.hasChildren = []
    this.hadAttributes = []
    for (const [key, value] of Object.entries(attrs)) if (!key.startsWith('xmlns')) this.set(key, value.trim())
  }

  private set(key: string, value: string): void {
    const record = this.record!
    const before = record.get(key)
    record.set(key, before === undefined ? value : `${before} | ${value}`)
  }

  private emit(record: Map<string, string>): void {
    const values = this.columns.row(record, this.sink)
    if (this.rowsInReply === 0) {
      this.firstRowKey = values.join('\u0001')
      if (this.firstRowKey === this.guardKey) throw new RepeatedReply()
    }
    this.rowsInReply++
    this.sink.row(values)
    this.onRecord?.(record)
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon >= 0 ? name.slice(colon + 1) : name
}
