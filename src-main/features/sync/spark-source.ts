// The Spark API as a sync source for /v1/listings. Changes: `_filter=ModificationTimestamp Ge <since>` paged with
// `_skiptoken` (the replication style: the token is the last Id of a page, a short page is the end; the cursor a
// run records is that token). Master list: `_select=ListingKey,ModificationTimestamp` through the same paging.
// By key: `ListingKey Eq 'a','b'` (SparkQL value lists), 25 at a time — Spark's `_limit` maximum.
import { AppError } from '../../../contract/app-error'
import { findClass, findResource, type MetadataModel } from '../../../domain/metadata/metadata-model'
import {
  SPARK_MAX_LIMIT,
  sparkQueryParams,
  type SparkClient,
  type SparkQuery
} from '../../protocols/spark/spark-client'
import { stampKey } from './sync-plan'
import type { ChangedPage, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

const STAMP = 'ModificationTimestamp'
const KEY = 'ListingKey'

export class SparkSource implements SyncSource {
  readonly keyBatch = SPARK_MAX_LIMIT
  private shapeCache: SourceShape | undefined

  constructor(private readonly client: SparkClient) {}

  async shape(signal?: AbortSignal): Promise<SourceShape> {
    if (this.shapeCache) return this.shapeCache
    const model: MetadataModel = await this.client.metadata(signal ? { signal } : {})
    const resource = model.resources[0]
    const fields = (resource && findClass(model, resource.name, resource.classes[0]?.name ?? '')?.fields) ?? []
    const keyField = (resource && findResource(model, resource.name)?.keyField) ?? KEY
    if (!fields.some((f) => f.systemName === keyField) || !fields.some((f) => f.systemName === STAMP)) {
      throw new AppError({
        code: 'SYNC_NO_KEY_OR_STAMP',
        message: `The Spark standard fields have no ${keyField} or ${STAMP}.`,
        hint: 'Incremental sync needs both; check that this key may read the standard fields.'
      })
    }
    this.shapeCache = { target: 'Listings', fields, keyField, stampField: STAMP }
    return this.shapeCache
  }

  async masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    const entries: MasterEntry[] = []
    let cursor: string | undefined
    do {
      const page = await this.page({ select: [KEY, STAMP] }, cursor, signal)
      for (const r of page.records) entries.push({ id: r.key, lastUpdated: String(r.values[STAMP] ?? '') })
      onProgress?.(entries.length)
      cursor = page.next
    } while (cursor)
    return entries
  }

  changedPage(since: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    return this.page(since ? { filter: `${STAMP} Ge ${since}` } : {}, cursor, signal)
  }

  async fetchByKeys(keys: readonly string[], signal?: AbortSignal): Promise<SyncRecord[]> {
    const quoted = keys.map((k) => `'${k.replace(/'/g, "\\'")}'`).join(',')
    return (await this.page({ filter: `${KEY} Eq ${quoted}` }, undefined, signal)).records
  }

  private async page(q: SparkQuery, cursor: string | undefined, signal?: AbortSignal): Promise<ChangedPage> {
    const shape = await this.shape(signal)
    const params = sparkQueryParams({ ...q, limit: SPARK_MAX_LIMIT, skiptoken: cursor ?? '' })
    const env = await this.client.get('listings', params, signal)
    const records: SyncRecord[] = []
    for (const result of env.results) {
      const r = result as { Id?: unknown; StandardFields?: Record<string, unknown> }
      const values = { ...(r.StandardFields ?? {}) }
      const key = String(values[shape.keyField] ?? r.Id ?? '')
      if (key) records.push({ key, stamp: stampKey(String(values[STAMP] ?? '')), values })
    }
    const last = env.results.at(-1) as { Id?: unknown } | undefined
    const page: ChangedPage = { records }
    if (env.results.length >= SPARK_MAX_LIMIT && typeof last?.Id === 'string') page.next = last.Id
    return page
  }
}
