// The RESO Web API (OData 4) as a sync source for one entity set. Changes: `$filter=ModificationTimestamp ge <since>`
// with `$orderby=ModificationTimestamp,<key>`, paged by key set — the cursor is the last (timestamp, key) committed,
// and the next page asks for what sorts after it. Unlike `$skip`, that cannot skip or repeat a record when the server
// changes records during the sync, and it resumes exactly. Servers that cap `$top` send a nextLink, which the client
// follows until the page is full. Master list: `$select=<key>,ModificationTimestamp`. By key: `or` batches (`in` is
// OData 4.01, which many RESO servers do not speak yet).
import { AppError } from '../../../contract/app-error'
import { findClass, findResource, type MetadataModel } from '../../../domain/metadata/metadata-model'
import type { ODataClient } from '../../protocols/odata/odata-client'
import { collectBatches, pipeBatches } from './batch-pipe'
import { stampKey } from './sync-plan'
import type { ChangedPage, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

export interface ResoSourceOptions {
  entity: string
  pageSize?: number
  keyBatch?: number
}

const STAMP = 'ModificationTimestamp'
/** master list entries handed on at a time */
const MASTER_BATCH = 5000

export class ResoSource implements SyncSource {
  readonly keyBatch: number
  private readonly pageSize: number
  private shapeCache: SourceShape | undefined
  private model: MetadataModel | undefined

  constructor(
    private readonly client: ODataClient,
    private readonly options: ResoSourceOptions
  ) {
    this.pageSize = options.pageSize ?? 1000
    this.keyBatch = options.keyBatch ?? 50
  }

  async shape(signal?: AbortSignal): Promise<SourceShape> {
    if (this.shapeCache) return this.shapeCache
    this.model ??= await this.client.metadata(signal ? { signal } : {})
    const { entity } = this.options
    const fields = findClass(this.model, entity, entity)?.fields ?? []
    const keyField = findResource(this.model, entity)?.keyField ?? fields.find((f) => f.isKey)?.systemName
    if (!fields.length || !keyField || !fields.some((f) => f.systemName === STAMP)) {
      throw new AppError({
        code: 'SYNC_NO_KEY_OR_STAMP',
        message: `The entity ${entity} in $metadata has no ${fields.length ? `key or ${STAMP}` : 'properties'}.`,
        hint: 'Incremental sync needs the entity key and ModificationTimestamp; check the entity name.'
      })
    }
    this.shapeCache = { target: entity, fields, keyField, stampField: STAMP }
    return this.shapeCache
  }

  masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    return collectBatches(this.masterBatches(signal, onProgress))
  }

  /** The master list in batches as it streams: a feed of a million keys is never held whole. */
  masterBatches(signal?: AbortSignal, onProgress?: (rows: number) => void): AsyncGenerator<MasterEntry[]> {
    return pipeBatches(async (emit, room, inner) => {
      const { keyField } = await this.shape(inner)
      let batch: MasterEntry[] = []
      let rows = 0
      const flush = (): void => {
        if (!batch.length) return
        rows += batch.length
        emit(batch)
        batch = []
      }
      await this.client.each(
        { resource: this.options.entity, select: [keyField, STAMP] },
        (row) => {
          const id = row[keyField]
          if (id === undefined || id === null) return
          batch.push({ id: String(id), lastUpdated: String(row[STAMP] ?? '') })
          if (batch.length >= MASTER_BATCH) flush()
        },
        { signal: inner, room, onPage: () => onProgress?.(rows + batch.length) }
      )
      flush()
    }, signal)
  }

  async changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    const shape = await this.shape(signal)
    const after = cursor ? (JSON.parse(cursor) as { stamp: string; key: string }) : undefined
    const clauses: string[] = []
    if (since) clauses.push(`${STAMP} ge ${since}`)
    if (after) {
      const key = `'${after.key.replace(/'/g, "''")}'`
      clauses.push(`(${STAMP} gt ${after.stamp} or (${STAMP} eq ${after.stamp} and ${shape.keyField} gt ${key}))`)
    }
    const records: SyncRecord[] = []
    const summary = await this.client.each(
      {
        resource: this.options.entity,
        ...(clauses.length ? { filter: clauses.join(' and ') } : {}),
        orderby: [STAMP, shape.keyField],
        top: this.pageSize,
        count: !cursor
      },
      (row) => {
        const record = toRecord(shape, row)
        if (record) records.push(record)
      },
      { maxRows: this.pageSize, ...(signal ? { signal } : {}) }
    )
    const page: ChangedPage = { records }
    if (summary.serverCount !== undefined) page.serverCount = summary.serverCount
    const last = records.at(-1)
    if (last && (summary.limitReached || records.length >= this.pageSize)) {
      page.next = JSON.stringify({ stamp: String(last.values[STAMP]), key: last.key })
    }
    return page
  }

  async fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]> {
    const shape = await this.shape(signal)
    const records: SyncRecord[] = []
    if (!keys.length) return records
    const filter = keys.map((k) => `${shape.keyField} eq '${k.replace(/'/g, "''")}'`).join(' or ')
    await this.client.each(
      { resource: this.options.entity, filter },
      (row) => {
        const record = toRecord(shape, row)
        if (record) records.push(record)
      },
      signal ? { signal } : {}
    )
    return records
  }
}

function toRecord(shape: SourceShape, row: Record<string, unknown>): SyncRecord | undefined {
  const key = row[shape.keyField]
  if (key === undefined || key === null) return undefined
  const values: Record<string, unknown> = {}
  // annotations (@odata.etag, @odata.id…) describe the reply, not the record
  for (const [name, value] of Object.entries(row)) if (!name.startsWith('@')) values[name] = value
  return { key: String(key), stamp: stampKey(String(row[shape.stampField] ?? '')), values }
}
