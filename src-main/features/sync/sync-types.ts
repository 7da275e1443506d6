// The sync engine's seams: a source speaks one protocol (RETS, RESO, Spark, IDX) and a local store is one database
// (SQLite, PostgreSQL). The engine (sync-engine.ts) only talks to these two interfaces.
import type { FieldMeta, LookupValue } from '../../../domain/metadata/metadata-model'
import type { DdlColumn } from '../../../domain/sql/ddl-from-metadata'

/** One record as the server sent it: `values` by field name (raw JSON keeps exactly these). */
export interface SyncRecord {
  key: string
  /** the modification timestamp as an ISO UTC instant (compared as text) */
  stamp: string
  values: Record<string, unknown>
  /**
   * Optional, from sources that read rows (RETS COMPACT): the same values by position, and already as JSON text —
   * a store takes these instead of looking up and stringifying `values` a million times.
   */
  row?: RecordRow
}

export interface RecordRow {
  /** shared by every row of a reply */
  readonly columns: readonly string[]
  readonly cells: readonly string[]
  /** JSON.stringify(values), made cheaper (and possibly only when read) */
  readonly json: string
}

export interface MasterEntry {
  id: string
  lastUpdated: string
}

export interface SourceShape {
  /** e.g. "Property:A" (RETS resource:class) or "Property" (RESO entity) */
  target: string
  fields: FieldMeta[]
  keyField: string
  stampField: string
  lookupValues?: (lookupName: string) => readonly LookupValue[] | undefined
}

/** A page of changed records and where the next page starts (the resume point once the page is committed). */
export interface ChangedPage {
  records: SyncRecord[]
  /** undefined: this was the last page */
  next?: string
  serverCount?: number
}

/** Where a streaming source puts its changes: record by record, then the end of each batch. */
export interface ChangeSink {
  add(record: SyncRecord): void
  /** the batch added since the last end is complete; `next` is where the following one starts (undefined: the last) */
  end(next: string | undefined, serverCount: number | undefined): void
  /** a promise to hold the socket with while the sink is full (PageOptions.beforeChunk), or undefined */
  room?(): Promise<void> | undefined
  /**
   * Whether the batch of `records` added since the last end should end here, even at a page's end (then it goes on
   * into the next page); without it a batch ends every few thousand records and at every page's end.
   */
  due?(records: number): boolean
}

export interface SyncSource {
  shape(signal?: AbortSignal): Promise<SourceShape>
  /** every record's key + timestamp (deletes are what the store has and this has not) */
  masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]>
  /** one page of records modified at or after `since` (all when undefined), from `cursor` (the start when undefined) */
  changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage>
  fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]>
  /**
   * Optional streaming forms the engine prefers: changes into a sink while a page arrives (each batch's end is a
   * resume point), and the master list in batches, so neither is held whole.
   */
  streamChanges?(
    since: string | undefined,
    cursor: string | undefined,
    sink: ChangeSink,
    signal?: AbortSignal
  ): Promise<void>
  masterBatches?(signal?: AbortSignal, onProgress?: (rows: number) => void): AsyncIterable<MasterEntry[]>
  /** keys per fetch-by-key request */
  readonly keyBatch: number
}

export interface RunRow {
  id: number
  target: string
  startedAt: string
  endedAt?: string
  status: 'running' | 'done' | 'failed' | 'cancelled'
  since?: string
  cursor?: string | undefined
  maxStamp?: string | undefined
  counts: BatchCounts
  highWaterMark?: string
  error?: string
}

export interface BatchCounts {
  new: number
  updated: number
  unchanged: number
  deleted: number
}

/** What one batch did: its counts and the keys it inserted or changed (photos follow these). */
export interface BatchResult extends BatchCounts {
  changed: string[]
}

export interface TableInfo {
  table: string
  key: string
  columns: DdlColumn[]
}

export interface QueryResult {
  columns: string[]
  rows: unknown[][]
  truncated: boolean
}

/** A store's synchronous write path for a streaming source: each record written as it is added, each batch one
 *  transaction. */
export interface BatchWriter {
  add(record: SyncRecord): void
  /** commits what was added since the last commit and moves the run's cursor, in the same transaction */
  commit(cursor: string | undefined): BatchResult
  /** drops what was added since the last commit */
  abort(): void
}

/** new: not in the store (or deleted there); updated: another stamp; deleted: live in the store, not in the list;
 *  unchanged: how many are in both with the same stamp (their keys are the whole feed on a quiet day) */
export interface MasterComparison {
  new: string[]
  updated: string[]
  deleted: string[]
  unchanged: number
}

/** The reconcile pass's comparison of the master list with the store, fed in batches. */
export interface MasterDiff {
  add(entries: readonly MasterEntry[]): Promise<void>
  result(): Promise<MasterComparison>
  close(): Promise<void>
}

/** A local database holding synced records. Every write method is one transaction. */
export interface LocalStore {
  readonly kind: 'sqlite' | 'postgres'
  readonly location: string
  ensureTable(shape: SourceShape): Promise<TableInfo>
  /** optional: what opening the store found that a run should report (once), e.g. a damaged file set aside */
  takeNotice?(): string | undefined
  /** key → stamp of every record not marked deleted */
  stamps(info: TableInfo): Promise<Map<string, string>>
  /** optional: the master list compared store-side (the engine otherwise holds it and `stamps` in memory) */
  masterDiff?(info: TableInfo): Promise<MasterDiff>
  highWaterMark(target: string): Promise<string | undefined>
  /** the newest run of a target if it did not finish (killed, failed, cancelled), marked running again to resume */
  unfinishedRun(target: string): Promise<RunRow | undefined>
  startRun(target: string, since: string | undefined): Promise<RunRow>
  /** upserts records and moves the run's cursor and max stamp, in one transaction */
  applyBatch(info: TableInfo, run: RunRow, records: readonly SyncRecord[], cursor?: string): Promise<BatchResult>
  /** optional: records written one by one as a source decodes them (a synchronous database) */
  batchWriter?(info: TableInfo, run: RunRow): BatchWriter
  markDeleted(info: TableInfo, run: RunRow, keys: readonly string[]): Promise<number>
  /** ends the run and (status done) moves the target's high-water mark to the run's max stamp */
  finishRun(run: RunRow, status: RunRow['status'], error?: string): Promise<RunRow>
  runs(limit: number): Promise<RunRow[]>
  /** the targets synced so far, with their table and high-water mark */
  targets(): Promise<Array<{ target: string; table: string; highWaterMark?: string }>>
  query(sql: string, maxRows: number): Promise<QueryResult>
  close(): Promise<void>
}
