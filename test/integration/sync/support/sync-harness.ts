// One harness per protocol for the sync tests and their child process: the sources a profile would sync (RETS: the
// three Property classes; RESO: the Property entity; Spark: listings; IDX: the Property SearchType) and the server's
// records of a target read with a plain query — the truth the store must equal, record by record.
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../../src-main/protocols/json-api/http-client-transport'
import { TokenHolder } from '../../../../src-main/protocols/oauth/token-holder'
import { ODataClient } from '../../../../src-main/protocols/odata/odata-client'
import { RetsMetadataLoader } from '../../../../src-main/protocols/rets/metadata/metadata-loader'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { fetchAll } from '../../../../src-main/protocols/rets/search/search-runner'
import { SparkClient } from '../../../../src-main/protocols/spark/spark-client'
import { IdxRecordCollector } from '../../../../src-main/features/idx/idx-record-rows'
import { fetchIdxDetails } from '../../../../src-main/features/idx/idx-search'
import { IdxSource } from '../../../../src-main/features/sync/idx-source'
import { ResoSource } from '../../../../src-main/features/sync/reso-source'
import { RetsSource } from '../../../../src-main/features/sync/rets-source'
import { SparkSource } from '../../../../src-main/features/sync/spark-source'
import type { SyncRecord, SyncSource } from '../../../../src-main/features/sync/sync-types'
import { CollectingResultWriter } from '../../../support/collecting-result-writer'
import { MemorySecrets } from '../../../support/memory-secrets'

export type Protocol = 'rets' | 'reso' | 'spark' | 'idx'

export interface SyncHarness {
  protocol: Protocol
  /** listings in the Demo MLS the test starts */
  listings: number
  /** the listings a full sync of every source holds (the IDX feed carries only active ones); default `listings` */
  inFeed?: (listings: Iterable<{ StandardStatus: string }>) => number
  sources(url: string, pageSize: number): SyncSource[]
  /** key → values of every record of the target, as a full read returns them now */
  serverRecords(url: string, target: string): Promise<Map<string, Record<string, unknown>>>
}

const transport = httpClientTransport(new HttpClient())
const retry = { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 50 }

// the Demo MLS's Spark replication key (pages of up to 1000 listings, as Spark grants replication keys)
const SPARK_REPLICATION_KEY = { id: 'replication', secret: 'replication-secret' }

function tokens(url: string, scheme?: 'OAuth', client = { id: 'workbench', secret: 'workbench-secret' }): TokenHolder {
  return new TokenHolder(
    {
      flow: 'client_credentials',
      tokenUrl: `${url}/oauth/token`,
      clientId: client.id,
      ...(scheme ? { scheme } : {})
    },
    { store: new MemorySecrets({ clientSecret: client.secret }), transport }
  )
}

function retsSession(url: string, loginPath = '/rets/Login'): RetsSession {
  return new RetsSession(
    {
      loginUrl: `${url}${loginPath}`,
      retsVersion: '1.7.2',
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      uaPassword: 'demo-ua-pass'
    },
    new HttpClient()
  )
}

// the statuses the Demo MLS IDX feed carries: a listing that closes leaves it
const IDX_FEED = new Set(['Active', 'ActiveUnderContract', 'Pending'])
const idxSession = (url: string): RetsSession => retsSession(url, '/idx/Login.svc/Login')

const odata = (url: string): ODataClient =>
  new ODataClient({ serviceRoot: `${url}/Reso/OData`, transport, auth: tokens(url), retry })
const spark = (url: string): SparkClient =>
  new SparkClient({
    baseUrl: url,
    transport,
    auth: tokens(url, 'OAuth', SPARK_REPLICATION_KEY),
    userAgent: 'MLSWorkbench/1.0',
    retry
  })

async function drain(
  page: (cursor?: string) => Promise<{ records: SyncRecord[]; next?: string }>
): Promise<SyncRecord[]> {
  const out: SyncRecord[] = []
  let cursor: string | undefined
  do {
    const p = await page(cursor)
    out.push(...p.records)
    cursor = p.next
  } while (cursor)
  return out
}

export const HARNESSES: Record<Protocol, SyncHarness> = {
  rets: {
    protocol: 'rets',
    listings: 5000,
    sources: (url, pageSize) => {
      const session = retsSession(url)
      const metadata = new RetsMetadataLoader(session)
      return ['A', 'B', 'C'].map(
        (cls) => new RetsSource(session, metadata, { resource: 'Property', class: cls, pageSize, keyBatch: 100 })
      )
    },
    async serverRecords(url, target) {
      const writer = new CollectingResultWriter()
      const cls = target.split(':')[1] ?? ''
      const query = '(LIST_87=1900-01-01T00:00:00+)'
      await fetchAll(retsSession(url), { resource: 'Property', class: cls, query, format: 'COMPACT' }, writer)
      const names = writer.columns.map((c) => c.name)
      return new Map(
        writer.rows.map((row) => [
          row[names.indexOf('LIST_1')] ?? '',
          Object.fromEntries(names.map((n, i) => [n, row[i]]))
        ])
      )
    }
  },
  reso: {
    protocol: 'reso',
    listings: 5000,
    sources: (url, pageSize) => [new ResoSource(odata(url), { entity: 'Property', pageSize })],
    async serverRecords(url) {
      const out = new Map<string, Record<string, unknown>>()
      await odata(url).each({ resource: 'Property' }, (row) => {
        const values = Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('@')))
        out.set(String(row.ListingKey), values)
      })
      return out
    }
  },
  spark: {
    protocol: 'spark',
    // with a replication key: pages of 1000 listings (the Demo MLS keeps a search's matches between pages)
    listings: 5000,
    sources: (url) => [new SparkSource(spark(url))],
    async serverRecords(url) {
      const source = new SparkSource(spark(url))
      const records = await drain((cursor) => source.changedPage(undefined, cursor))
      return new Map(records.map((r) => [r.key, r.values]))
    }
  },
  idx: {
    protocol: 'idx',
    listings: 5000,
    inFeed: (listings) => [...listings].filter((l) => IDX_FEED.has(l.StandardStatus)).length,
    sources: (url, pageSize) => [new IdxSource(idxSession(url), { searchType: 'Property', pageSize })],
    async serverRecords(url, target) {
      // every record updated since a date before any MLS, as the server names its values (no column padding)
      const out = new Map<string, Record<string, unknown>>()
      const collector = new IdxRecordCollector({ columns: () => undefined, row: () => undefined }, (record) =>
        out.set(record.get('ID') ?? '', Object.fromEntries(record))
      )
      const query = { searchType: target, query: '(LastUpdated=1900-01-01T00:00:00Z)' }
      await fetchIdxDetails(idxSession(url), query, collector, { pageSize: 100 })
      return out
    }
  }
}
