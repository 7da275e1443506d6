// Photo export from the RESO Web API ($expand=Media → MediaURL) and the Spark API (_expand=Photos → Uri…) of the
// Demo MLS, through the real OData / Spark clients with OAuth client credentials.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { ODataClient } from '../../../src-main/protocols/odata/odata-client'
import { SparkClient } from '../../../src-main/protocols/spark/spark-client'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import { exportPhotos } from '../../../src-main/features/export/photos/photo-export-engine'
import {
  ResoMediaSource,
  resoMediaResourceFromClient,
  resoRecordsFromClient
} from '../../../src-main/features/export/photos/sources/reso-media-source'
import {
  SparkPhotoSource,
  sparkListingsFromClient
} from '../../../src-main/features/export/photos/sources/spark-photo-source'
import { downloadFetcher } from '../../../src-main/features/export/photos/url-fetchers'
import { fileBytes, listFiles, manifestRows, sha256 } from '../../support/export-folder'
import { MemorySecrets } from '../../support/memory-secrets'

// the app's one HTTP stack, without a profile's proxy or wire log
const http = new HttpClient()
const plainTransport = httpClientTransport(http)
const download = downloadFetcher(http, 'omit')

let mls: DemoMls
let listings: Listing[]
let withheld: Listing
const dirs: string[] = []

beforeAll(async () => {
  mls = await startDemoMls({ listings: 520 })
  const all = [...mls.ctx.data.listings()]
  listings = all.filter((l) => l.PhotosCount >= 2 && (Number(l.ListingKey) - 20_000_000) % 500 !== 1).slice(0, 4)
  withheld = all.find((l) => (Number(l.ListingKey) - 20_000_000) % 500 === 1 && l.PhotosCount > 1)!
})
afterAll(async () => {
  await mls.close()
})
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'photo-export-web-'))
  dirs.push(d)
  return d
}

function holder(scheme?: 'OAuth'): TokenHolder {
  return new TokenHolder(
    {
      flow: 'client_credentials',
      tokenUrl: `${mls.url}/oauth/token`,
      clientId: 'workbench',
      ...(scheme ? { scheme } : {})
    },
    { store: new MemorySecrets({ clientSecret: 'workbench-secret' }), transport: plainTransport }
  )
}

const ctl = () => ({ signal: new AbortController().signal, progress: () => undefined })
const photo = (key: string, n: number, type: 'Photo' | 'HiRes' = 'Photo'): Buffer => mls.ctx.data.photo(key, n, type)!

describe('RESO Media and Spark Photos export', () => {
  it('RESO $expand=Media: MediaURL bytes on disk, descriptions and MediaKey in the manifest, 404s as missing rows', async () => {
    const odata = new ODataClient({ serviceRoot: `${mls.url}/Reso/OData`, transport: plainTransport, auth: holder() })
    const dest = tempDir()
    const keys = [...listings.map((l) => l.ListingKey), withheld.ListingKey, '29999999']
    const summary = await exportPhotos(
      {
        destination: dest,
        listingKeys: keys,
        types: ['Photo'],
        concurrency: 3,
        batchSize: 2,
        namingPattern: '{ListingKey}/{Order:2}-{Uid}.{ext}'
      },
      new ResoMediaSource(resoRecordsFromClient(odata), { fetcher: download }),
      ctl()
    )
    const good = listings.reduce((s, l) => s + l.PhotosCount, 0) + withheld.PhotosCount - 1
    expect(summary).toMatchObject({ written: good, failed: 2, missing: 2 })
    const rows = manifestRows(dest)
    for (const l of listings) {
      for (const m of l.Media) {
        const row = rows.find((r) => r.listing === l.ListingKey && r.objectId === String(m.Order))!
        expect(row.file).toBe(`${l.ListingKey}/${String(m.Order).padStart(2, '0')}-${m.MediaKey}.jpg`)
        expect(row).toMatchObject({
          description: m.ShortDescription,
          sourceUrl: `${mls.url}${m.MediaURL}`,
          status: 'written'
        })
        expect(fileBytes(dest, row.file).equals(photo(l.ListingKey, m.Order))).toBe(true)
        expect(row.sha256).toBe(sha256(photo(l.ListingKey, m.Order)))
      }
    }
    // the withheld photo is listed in Media but its URL answers 404; the unknown listing is not found at all
    expect(rows.find((r) => r.listing === withheld.ListingKey && r.status === 'failed')?.error).toMatch(/^HTTP 404/)
    expect(rows.find((r) => r.listing === '29999999')).toMatchObject({ status: 'failed', objectId: '*' })
    expect(listFiles(dest).filter((f) => f.endsWith('.part'))).toEqual([])
  })

  it('RESO Media resource: one query per batch gives the same files as $expand', async () => {
    const odata = new ODataClient({ serviceRoot: `${mls.url}/Reso/OData`, transport: plainTransport, auth: holder() })
    const dest = tempDir()
    const keys = listings.map((l) => l.ListingKey)
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'], batchSize: 4 },
      new ResoMediaSource(resoMediaResourceFromClient(odata), { fetcher: download }),
      ctl()
    )
    expect(summary).toMatchObject({ written: listings.reduce((s, l) => s + l.PhotosCount, 0), failed: 0 })
    for (const row of manifestRows(dest)) {
      expect(row.file).toBe(`${row.listing}/${row.objectId}.jpg`)
      expect(fileBytes(dest, row.file).equals(photo(row.listing, Number(row.objectId)))).toBe(true)
    }
  })

  it('Spark _expand=Photos: the chosen sizes (Uri300 → Photo bytes, UriLarge → HiRes bytes), preferred photo with id 0', async () => {
    const spark = new SparkClient({
      baseUrl: mls.url,
      transport: plainTransport,
      auth: holder('OAuth'),
      userAgent: 'MLSWorkbench/1.0'
    })
    const dest = tempDir()
    const keys = listings.slice(0, 2).map((l) => l.ListingKey)
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Uri300', 'UriLarge'] },
      new SparkPhotoSource(sparkListingsFromClient(spark), download),
      ctl()
    )
    const total = listings.slice(0, 2).reduce((s, l) => s + l.PhotosCount, 0)
    expect(summary).toMatchObject({ written: total * 2, failed: 0 })
    for (const row of manifestRows(dest)) {
      expect(row.file).toBe(`${row.listing}/${row.type}/${row.objectId}.jpg`)
      const bytes = photo(row.listing, Number(row.objectId), row.type === 'Uri300' ? 'Photo' : 'HiRes')
      expect(fileBytes(dest, row.file).equals(bytes)).toBe(true)
    }

    const preferred = tempDir()
    const one = await exportPhotos(
      {
        destination: preferred,
        listingKeys: keys,
        types: ['Uri640'],
        objectIds: '0',
        namingPattern: '{ListingKey}.{ext}'
      },
      new SparkPhotoSource(sparkListingsFromClient(spark), download),
      ctl()
    )
    expect(one.written).toBe(2)
    expect(fileBytes(preferred, `${keys[0]}.jpg`).equals(photo(keys[0]!, 1))).toBe(true)
  })

  it('an unknown Spark size is refused before anything runs', async () => {
    const spark = new SparkClient({ baseUrl: mls.url, transport: plainTransport, userAgent: 'x' })
    await expect(
      exportPhotos(
        { destination: tempDir(), listingKeys: ['1'], types: ['Uri9999'] },
        new SparkPhotoSource(sparkListingsFromClient(spark), download),
        ctl()
      )
    ).rejects.toMatchObject({ code: 'EXPORT_BAD_REQUEST', message: expect.stringContaining('Uri9999') })
  })
})
