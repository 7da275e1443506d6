// RETS as a sync source for one resource:class. The key is the resource's KeyField; the timestamp is the field whose
// StandardName is ModificationTimestamp (RETS 1.7.2 §11.4.2 names it; the SystemName varies per MLS). Changes come
// from a DMQL range `(<stamp>=<since>+)` paged with 1-based Offset; the master list is `Select=<key>,<stamp>`
// paged through the search runner (which copes with capped pages and ignored Offset); records by key are
// `(<key>=a,b,c)` batches. Format COMPACT (not DECODED): the store keeps the lookup codes the server sent.
import { AppError } from '../../../contract/app-error'
import { findClass, findResource } from '../../../domain/metadata/metadata-model'
import type { RetsMetadataLoader } from '../../protocols/rets/metadata/metadata-loader'
import type { RetsSession } from '../../protocols/rets/rets-session'
import { fetchAll, searchPage } from '../../protocols/rets/search/search-runner'
import type { RowSink } from '../../protocols/rets/search/standard-xml-rows'
import { splitDelimitedRow } from '../../platform/results/delimited-row'
import type { ResultWriter } from '../../platform/results/result-types'
import { stampKey } from './sync-plan'
import { collectBatches, pipeBatches } from './batch-pipe'
import { ColumnSet, RowRecord } from './row-record'
import type { ChangedPage, ChangeSink, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

export interface RetsSourceOptions {
  resource: string
  class: string
  /** rows asked per page (servers cap anyway) */
  pageSize?: number
  keyBatch?: number
}

// RETS DMQL2 has no "everything" value for a date range; a day before any MLS existed reads as one
const EPOCH = '1900-01-01T00:00:00'
// a key with these would change the meaning of the DMQL value list
const UNQUERYABLE_KEY = /[,()\s|]/
// records per committed batch while a page streams in, unless the sink decides (ChangeSink.due): memory stays a few
// batches whatever the page size (batches live long enough to leave the young generation, so they are kept small)
const BATCH = 1000
const MASTER_BATCH = 5000
// the master list's rows (key and stamp) are a few dozen bytes, a record's often kilobytes: its pages ask this many
// times the record page size (a server caps them as it caps any page), so a million keys are not ~400 round trips
// (sync bench, 1M keys: 5.5 s at 20,000 rows a page, 4.1–4.5 s at 200,000)
const MASTER_PAGE_FACTOR = 10

export class RetsSource implements SyncSource {
  readonly keyBatch: number
  private readonly pageSize: number
  private shapeCache: SourceShape | undefined

  constructor(
    private readonly session: RetsSession,
    private readonly metadata: RetsMetadataLoader,
    private readonly options: RetsSourceOptions
  ) {
    this.pageSize = options.pageSize ?? 2500
    this.keyBatch = options.keyBatch ?? 200
  }

  async shape(signal?: AbortSignal): Promise<SourceShape> {
    if (this.shapeCache) return this.shapeCache
    const { resource, class: cls } = this.options
    const fields = await this.metadata.loadTable(resource, cls, signal)
    const model = this.metadata.current
    const res = model ? findResource(model, resource) : undefined
    const target = `${resource}:${cls}`
    if (!model || !res || !findClass(model, resource, cls) || fields.length === 0) {
      throw new AppError({
        code: 'SYNC_NO_CLASS',
        message: `The server's metadata has no fields for ${target}.`,
        hint: 'Check the resource and class names in the sync settings against the metadata tree.'
      })
    }
    const keyField = res.keyField ?? fields.find((f) => f.isKey)?.systemName
    const stampField = fields.find((f) => f.standardName === 'ModificationTimestamp')?.systemName
    if (!keyField || !stampField) {
      throw new AppError({
        code: 'SYNC_NO_KEY_OR_STAMP',
        message: `${target} has no ${keyField ? '' : 'KeyField'}${!keyField && !stampField ? ' and no ' : ''}${
          stampField ? '' : 'field with StandardName ModificationTimestamp'
        } in its metadata.`,
        hint: 'Incremental sync needs both; ask the MLS which field holds the modification time.'
      })
    }
    this.shapeCache = { target, fields, keyField, stampField }
    return this.shapeCache
  }

  masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    return collectBatches(this.masterBatches(signal, onProgress))
  }

  masterBatches(signal?: AbortSignal, onProgress?: (rows: number) => void): AsyncGenerator<MasterEntry[]> {
    return pipeBatches(async (emit, room, inner) => {
      const shape = await this.shape(inner)
      let rows = 0
      const writer = new KeyStampWriter(shape, (batch) => {
        rows += batch.length
        emit(batch)
      })
      await fetchAll(
        this.session,
        // no COUNT: paging stops on a short page, and a server pays a pass over the whole result set for one
        { ...this.searchBase(`(${shape.stampField}=${EPOCH}+)`), select: [shape.keyField, shape.stampField], count: 0 },
        writer,
        {
          pageSize: this.pageSize * MASTER_PAGE_FACTOR,
          signal: inner,
          beforeChunk: room,
          onProgress: () => onProgress?.(rows)
        }
      )
      writer.flush()
    }, signal)
  }

  async changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    const page: ChangedPage = { records: [] }
    const sink: ChangeSink = {
      add: (record) => void page.records.push(record),
      end: (next, serverCount) => {
        if (next !== undefined) page.next = next
        if (serverCount !== undefined) page.serverCount = serverCount
      }
    }
    await this.readChanges(since, cursor, sink, signal, true)
    return page
  }

  streamChanges(
    since: string | undefined,
    cursor: string | undefined,
    sink: ChangeSink,
    signal?: AbortSignal
  ): Promise<void> {
    return this.readChanges(since, cursor, sink, signal, false)
  }

  /**
   * Pages of changes into the sink, a batch ended when the sink says it is due, else every BATCH records and at
   * each page's end (`onePage`: only there); each batch's `next` is where the following one starts (mid-page: the
   * Offset of the row after it), so a batch is a resume point of its own.
   */
  private async readChanges(
    since: string | undefined,
    cursor: string | undefined,
    sink: ChangeSink,
    signal: AbortSignal | undefined,
    onePage: boolean
  ): Promise<void> {
    const shape = await this.shape(signal)
    const query = `(${shape.stampField}=${since ? dmqlDateTime(since) : EPOCH}+)`
    let at = parseCursor(cursor)
    // a batch may go on into the next page when the sink says it is not due yet
    let inBatch = 0
    for (;;) {
      const start = at.offset
      let count = at.count
      let rows = 0
      let firstKey: string | undefined
      let ignored: AppError | undefined
      const rowSink = recordSink(shape, (record) => {
        rows++
        if (record) {
          if (firstKey === undefined) {
            firstKey = record.key
            // stops the page (the search wraps what a sink throws, so the error is made below)
            if (record.key === at.previousFirst) throw (ignored = offsetIgnored(start))
          }
          sink.add(record)
          inBatch++
        }
        if (!onePage && batchDue(sink, inBatch)) {
          inBatch = 0
          sink.end(cursorText(start + rows, firstKey ?? '', count), count)
        }
      })
      const page = await searchPage(
        this.session,
        // COUNT once per run: a real server counts the whole result set for it
        { ...this.searchBase(query), offset: start, limit: this.pageSize, count: count === undefined ? 1 : 0 },
        rowSink,
        { ...(signal ? { signal } : {}), ...(sink.room ? { beforeChunk: () => sink.room?.() } : {}) }
      ).catch((err: unknown) => {
        throw ignored ?? err
      })
      count ??= page.count
      const reachedCount = count !== undefined && start - 1 + page.rows >= count
      const more = page.rows > 0 && !reachedCount && (page.maxRows || page.rows >= this.pageSize)
      const next = more ? cursorText(start + page.rows, firstKey ?? '', count) : undefined
      if (!more || onePage || !sink.due || sink.due(inBatch)) {
        inBatch = 0
        sink.end(next, count)
      }
      if (!more || onePage) return
      at = { offset: start + page.rows, previousFirst: firstKey ?? '', ...(count === undefined ? {} : { count }) }
    }
  }

  async fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]> {
    const shape = await this.shape(signal)
    const safe = keys.filter((k) => !UNQUERYABLE_KEY.test(k))
    if (!safe.length) return []
    const records: SyncRecord[] = []
    const sink = recordSink(shape, (r) => void (r && records.push(r)))
    const writer: ResultWriter = {
      setColumns: (cols) => sink.columns(cols.map((c) => c.name)),
      append: (row) => sink.row(row),
      setInfo: () => undefined
    }
    await fetchAll(this.session, { ...this.searchBase(`(${shape.keyField}=${safe.join(',')})`) }, writer, {
      pageSize: safe.length,
      ...(signal ? { signal } : {})
    })
    return records
  }

  private searchBase(query: string): { resource: string; class: string; query: string; format: 'COMPACT' } {
    return { resource: this.options.resource, class: this.options.class, query, format: 'COMPACT' }
  }
}

/** DMQL2 DateTime (RETS 1.7.2 §7.7.2): `YYYY-MM-DDThh:mm:ss`, no zone — UTC, as servers store it. */
export function dmqlDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '')
}

function offsetIgnored(offset: number): AppError {
  return new AppError({
    code: 'SYNC_OFFSET_IGNORED',
    message: `The server answered Offset=${offset} with the same first record as the page before: it ignores Offset.`,
    hint: 'Raise the page size in the profile (limits.pageSize) so the changes fit one reply.'
  })
}

interface ChangesCursor {
  /** 1-based Offset of the next row */
  offset: number
  /** the first key of the page the cursor is in (a server ignoring Offset answers with it again) */
  previousFirst?: string
  /** the server's COUNT, asked on the first page only */
  count?: number
}

// `offset|firstKey` (the key may hold "|"), then `|#count` once the count is known
function cursorText(offset: number, previousFirst: string, count: number | undefined): string {
  return `${offset}|${previousFirst}${count === undefined ? '' : `|#${count}`}`
}

function parseCursor(cursor: string | undefined): ChangesCursor {
  if (cursor === undefined) return { offset: 1 }
  let text = cursor
  const out: ChangesCursor = { offset: 1 }
  const counted = /\|#(\d+)$/.exec(text)
  if (counted) {
    out.count = Number(counted[1])
    text = text.slice(0, counted.index)
  }
  const bar = text.indexOf('|')
  out.offset = Number(bar < 0 ? text : text.slice(0, bar)) || 1
  if (bar >= 0) out.previousFirst = text.slice(bar + 1)
  return out
}

/** Rows to records; `onRow` is called per row, with undefined for a row without a key (skipped, still counted). */
function recordSink(shape: SourceShape, onRow: (record: SyncRecord | undefined) => void): RowSink {
  let set = new ColumnSet([])
  let keyAt = -1
  let stampAt = -1
  const row = (values: string[]): void => {
    const key = (values[keyAt] ?? '').trim()
    if (!key) return onRow(undefined)
    onRow(new RowRecord(key, stampKey(values[stampAt] ?? ''), set, values))
  }
  return {
    columns: (cols) => {
      set = new ColumnSet(cols)
      keyAt = cols.indexOf(shape.keyField)
      stampAt = cols.indexOf(shape.stampField)
    },
    row,
    delimitedRow: (r) => row(splitDelimitedRow(r, set.names.length))
  }
}

/** The master list's key + stamp rows, handed on in batches of MASTER_BATCH. */
class KeyStampWriter implements ResultWriter {
  private keyAt = -1
  private stampAt = -1
  private batch: MasterEntry[] = []
  constructor(
    private readonly shape: SourceShape,
    private readonly emit: (batch: MasterEntry[]) => void
  ) {}
  setColumns(columns: Array<{ name: string }>): void {
    const names = columns.map((c) => c.name)
    this.keyAt = names.indexOf(this.shape.keyField)
    this.stampAt = names.indexOf(this.shape.stampField)
  }
  append(row: string[]): void {
    const id = (row[this.keyAt] ?? '').trim()
    if (!id) return
    this.batch.push({ id, lastUpdated: row[this.stampAt] ?? '' })
    if (this.batch.length >= MASTER_BATCH) this.flush()
  }
  flush(): void {
    if (this.batch.length) this.emit(this.batch)
    this.batch = []
  }
  setInfo(): void {}
}

function batchDue(sink: ChangeSink, records: number): boolean {
  return sink.due ? sink.due(records) : records >= BATCH
}
