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
import type { ChangedPage, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

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

  async masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    const shape = await this.shape(signal)
    const entries: MasterEntry[] = []
    const writer = new KeyStampWriter(shape, entries)
    await fetchAll(
      this.session,
      { ...this.searchBase(`(${shape.stampField}=${EPOCH}+)`), select: [shape.keyField, shape.stampField] },
      writer,
      {
        pageSize: this.pageSize,
        ...(signal ? { signal } : {}),
        onProgress: () => onProgress?.(entries.length)
      }
    )
    return entries
  }

  async changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    const shape = await this.shape(signal)
    // the cursor is the next 1-based Offset and the key that started the page before it
    const [offsetText, previousFirst] = (cursor ?? '1').split('|')
    const offset = Number(offsetText) || 1
    const query = `(${shape.stampField}=${since ? dmqlDateTime(since) : EPOCH}+)`
    const records: SyncRecord[] = []
    const page = await searchPage(
      this.session,
      { ...this.searchBase(query), offset, limit: this.pageSize, count: 1 },
      recordSink(shape, records),
      signal ? { signal } : {}
    )
    if (previousFirst !== undefined && records[0]?.key === previousFirst) {
      throw new AppError({
        code: 'SYNC_OFFSET_IGNORED',
        message: `The server answered Offset=${offset} with the same first record as the page before: it ignores Offset.`,
        hint: 'Raise the page size in the profile (limits.pageSize) so the changes fit one reply.'
      })
    }
    const out: ChangedPage = { records }
    if (page.count !== undefined) out.serverCount = page.count
    const reachedCount = page.count !== undefined && offset - 1 + page.rows >= page.count
    const more = page.rows > 0 && !reachedCount && (page.maxRows || page.rows >= this.pageSize)
    if (more) out.next = `${offset + page.rows}|${records[0]?.key ?? ''}`
    return out
  }

  async fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]> {
    const shape = await this.shape(signal)
    const safe = keys.filter((k) => !UNQUERYABLE_KEY.test(k))
    if (!safe.length) return []
    const records: SyncRecord[] = []
    const sink = recordSink(shape, records)
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

function recordSink(shape: SourceShape, into: SyncRecord[]): RowSink {
  let columns: string[] = []
  let keyAt = -1
  let stampAt = -1
  const row = (values: string[]): void => {
    const key = (values[keyAt] ?? '').trim()
    if (!key) return
    const record: Record<string, unknown> = {}
    columns.forEach((c, i) => (record[c] = values[i] ?? ''))
    into.push({ key, stamp: stampKey(values[stampAt] ?? ''), values: record })
  }
  return {
    columns: (cols) => {
      columns = cols
      keyAt = cols.indexOf(shape.keyField)
      stampAt = cols.indexOf(shape.stampField)
    },
    row,
    delimitedRow: (r) => row(splitDelimitedRow(r, columns.length))
  }
}

class KeyStampWriter implements ResultWriter {
  private keyAt = -1
  private stampAt = -1
  constructor(
    private readonly shape: SourceShape,
    private readonly entries: MasterEntry[]
  ) {}
  setColumns(columns: Array<{ name: string }>): void {
    const names = columns.map((c) => c.name)
    this.keyAt = names.indexOf(this.shape.keyField)
    this.stampAt = names.indexOf(this.shape.stampField)
  }
  append(row: string[]): void {
    const id = (row[this.keyAt] ?? '').trim()
    if (id) this.entries.push({ id, lastUpdated: row[this.stampAt] ?? '' })
  }
  setInfo(): void {}
}
