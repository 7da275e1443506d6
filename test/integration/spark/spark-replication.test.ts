// Spark replication against the Demo MLS: a replication key pages up to 1000 listings, an ordinary key is refused
// more than 25 (1053) and the sync source then pages at 25; _skiptoken pages run in ListingKey order, one filter
// pass per search (not per page), and an admin mutation between pages is seen by the next page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { SparkSource } from '../../../src-main/features/sync/spark-source'
import type { SyncRecord } from '../../../src-main/features/sync/sync-types'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { SPARK_REPLICATION_LIMIT, SparkClient, sparkQueryParams } from '../../../src-main/protocols/spark/spark-client'
import { MemorySecrets } from '../../support/memory-secrets'

const transport = httpClientTransport(new HttpClient())
const LISTINGS = 1200
let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: LISTINGS })
})
afterAll(async () => {
  await mls?.close()
})

/** A Spark client with one of the Demo MLS's OAuth clients; `limits` records the _limit of every listings request. */
function spark(clientId: 'workbench' | 'replication'): { client: SparkClient; limits: number[] } {
  const limits: number[] = []
  const client = new SparkClient({
    baseUrl: mls.url,
    transport: {
      request: (req) => transport.request(req),
      stream: (req) => {
        const limit = new URL(req.url).searchParams.get('_limit')
        if (req.url.includes('/v1/listings') && limit) limits.push(Number(limit))
        return transport.stream(req)
      }
    },
    auth: new TokenHolder(
      { flow: 'client_credentials', tokenUrl: `${mls.url}/oauth/token`, clientId, scheme: 'OAuth' },
      { store: new MemorySecrets({ clientSecret: `${clientId}-secret` }), transport }
    ),
    userAgent: 'MLSWorkbench/1.0',
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 50 }
  })
  return { client, limits }
}

async function drain(source: SparkSource, since?: string): Promise<SyncRecord[]> {
  const out: SyncRecord[] = []
  let cursor: string | undefined
  do {
    const page = await source.changedPage(since, cursor)
    out.push(...page.records)
    cursor = page.next
  } while (cursor)
  return out
}

const allKeys = (): string[] => [...mls.ctx.data.listings()].map((l) => l.ListingKey).sort()

describe('Spark replication paging (Demo MLS)', () => {
  it('_limit: up to 1000 for a replication key, 25 for an ordinary key (1053 above)', async () => {
    const page = await spark('replication').client.get('listings', sparkQueryParams({ limit: 1000, skiptoken: '' }))
    expect(page.results).toHaveLength(1000)
    await expect(
      spark('replication').client.get('listings', sparkQueryParams({ limit: 1001, skiptoken: '' }))
    ).rejects.toMatchObject({ code: 'SPARK_1053', message: expect.stringContaining('between 1 and 1000') })
    await expect(
      spark('workbench').client.get('listings', sparkQueryParams({ limit: 26, skiptoken: '' }))
    ).rejects.toMatchObject({ code: 'SPARK_1053', message: expect.stringContaining('between 1 and 25') })
  })

  it('the sync source pages at 1000 with a replication key and falls back to 25 with an ordinary one', async () => {
    const repl = spark('replication')
    const fromReplication = await drain(new SparkSource(repl.client))
    expect(fromReplication.map((r) => r.key)).toEqual(allKeys())
    // 1000, then 200 (longer than 25: it asks once more, in case the server capped the page) and an empty page
    expect(repl.limits).toEqual([1000, 1000, 1000])

    const plain = spark('workbench')
    const learned = { perRequest: SPARK_REPLICATION_LIMIT }
    const fromPlain = await drain(new SparkSource(plain.client, learned))
    expect(fromPlain.map((r) => r.key)).toEqual(allKeys())
    // the first request is refused (1053), every one after asks for 25; 1200 / 25 = 48 full pages and a last empty one
    expect(plain.limits[0]).toBe(1000)
    expect(plain.limits.slice(1)).toEqual(Array(LISTINGS / 25 + 1).fill(25))
    // the next run of the same connection shares what the first learned: no refused request again
    plain.limits.length = 0
    expect((await drain(new SparkSource(plain.client, learned))).length).toBe(LISTINGS)
    expect(plain.limits).toEqual(Array(LISTINGS / 25 + 1).fill(25))
  })

  it('_skiptoken pages in ListingKey order with one filter pass per search, not one per page', async () => {
    const data = mls.ctx.data
    const listings = data.listings.bind(data)
    let scans = 0
    data.listings = (filter) => {
      scans++
      return listings(filter)
    }
    try {
      const { client } = spark('workbench')
      const keys: string[] = []
      const summary = await client.eachListing(
        { filter: "ModificationTimestamp Ge '2000-01-01T00:00:00Z'", limit: 25, skiptoken: '' },
        (l) => void keys.push(l.id)
      )
      expect(keys).toEqual(allKeys())
      expect(summary.pages).toBeGreaterThan(40)
      expect(scans).toBe(1)
    } finally {
      data.listings = listings
    }
  })

  it('an admin change between pages is in the next page; a token whose listing is gone still places', async () => {
    const { client } = spark('replication')
    const first = await client.get('listings', sparkQueryParams({ limit: 100, skiptoken: '' }))
    const ids = first.results.map((r) => (r as { Id: string }).Id)
    const token = ids.at(-1)!
    const later = allKeys()[150]!
    mls.ctx.data.update(later, { ListPrice: 4_321_000 })
    mls.ctx.data.remove(token)
    const next = await client.get('listings', sparkQueryParams({ limit: 100, skiptoken: token }))
    const rows = next.results as Array<{ Id: string; StandardFields: { ListPrice: unknown } }>
    expect(rows[0]!.Id > token).toBe(true)
    expect(rows.find((r) => r.Id === later)?.StandardFields.ListPrice).toBe(4_321_000)
    expect(rows.map((r) => r.Id)).not.toContain(token)
  })
})
