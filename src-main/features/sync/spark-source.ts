// The Spark API as a sync source for /v1/listings. Changes: `_filter=ModificationTimestamp Ge <since>` paged with
// `_skiptoken` (the replication style: the token is the last Id of a page, a short page is the end; the cursor a
// run records is that token). Pages ask for 1000 listings, a replication key's maximum; a key that is refused that
// (code 1053) pages at 25, the ordinary maximum, from then on (what a connection's sources share, so the refusal is
// met once per session, not once per run). Master list: `_select=ListingKey,ModificationTimestamp`
// through the same paging. By key: `ListingKey Eq 'a','b'` (SparkQL value lists), 25 keys a request, so the filter
// stays well inside Spark's length limits.
import { AppError } from '../../../contract/app-error'
import { findClass, findResource, type MetadataModel } from '../../../domain/metadata/metadata-model'
import {
  SPARK_MAX_LIMIT,
  SPARK_REPLICATION_LIMIT,
  sparkQueryParams,
  type SparkClient,
  type SparkQuery
} from '../../protocols/spark/spark-client'
import { collectBatches } from './batch-pipe'
import { stampKey } from './sync-plan'
import type { ChangedPage, MasterEntry, SourceShape, SyncRecord, SyncSource } from './sync-types'

const STAMP = 'ModificationTimestamp'
const KEY = 'ListingKey'

/** What the sources of one connection learn about its key. */
export interface SparkKeyLimits {
  /** listings asked per request: a replication key's maximum until the server refuses it */
  perRequest: number
}

export class SparkSource implements SyncSource {
  readonly keyBatch = SPARK_MAX_LIMIT
  private shapeCache: SourceShape | undefined

  constructor(
    private readonly client: SparkClient,
    private readonly limits: SparkKeyLimits = { perRequest: SPARK_REPLICATION_LIMIT }
  ) {}

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

  masterList(signal?: AbortSignal, onProgress?: (rows: number) => void): Promise<MasterEntry[]> {
    return collectBatches(this.masterBatches(signal, onProgress))
  }

  /** The master list a page at a time: a feed of a million keys is never held whole. */
  async *masterBatches(signal?: AbortSignal, onProgress?: (rows: number) => void): AsyncGenerator<MasterEntry[]> {
    let rows = 0
    let cursor: string | undefined
    do {
      const page = await this.page({ select: [KEY, STAMP] }, cursor, signal)
      const batch = page.records.map((r) => ({ id: r.key, lastUpdated: String(r.values[STAMP] ?? '') }))
      rows += batch.length
      onProgress?.(rows)
      yield batch
      cursor = page.next
    } while (cursor)
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
    let env
    try {
      env = await this.client.get(
        'listings',
        sparkQueryParams({ ...q, limit: this.limits.perRequest, skiptoken: cursor ?? '' }),
        signal
      )
    } catch (err) {
      // not a replication key: 1053 is Spark's "parameter out of its constraints" (here _limit over 25)
      if (this.limits.perRequest <= SPARK_MAX_LIMIT || !(err instanceof AppError) || err.code !== 'SPARK_1053') {
        throw err
      }
      this.limits.perRequest = SPARK_MAX_LIMIT
      return this.page(q, cursor, signal)
    }
    const records: SyncRecord[] = []
    for (const result of env.results) {
      const r = result as { Id?: unknown; StandardFields?: Record<string, unknown> }
      const values = { ...(r.StandardFields ?? {}) }
      const key = String(values[shape.keyField] ?? r.Id ?? '')
      if (key) records.push({ key, stamp: stampKey(String(values[STAMP] ?? '')), values })
    }
    const last = env.results.at(-1) as { Id?: unknown } | undefined
    const page: ChangedPage = { records }
    // a page shorter than Spark's ordinary maximum is the end; a server that quietly caps a larger _limit at 25 then
    // still pages on (a page between 25 and the limit costs one more, empty request rather than lost listings)
    if (env.results.length >= SPARK_MAX_LIMIT && typeof last?.Id === 'string') page.next = last.Id
    return page
  }
}
