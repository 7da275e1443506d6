// Photo export from RETS GetObject against the Demo MLS: multipart streamed to disk, Location=1 through the
// concurrent downloader, the single-part fallback, missing objects as error rows, resume after a cancel, and a
// cancel mid-file that must leave no `.part` behind.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { Listing } from '../../../demo-mls/data/types'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import type { JobControl } from '../../../src-main/platform/jobs/job-manager'
import { exportPhotos } from '../../../src-main/features/export/photos/photo-export-engine'
import {
  RetsObjectSource,
  type RetsObjectMode
} from '../../../src-main/features/export/photos/sources/rets-object-source'
import { downloadFetcher } from '../../../src-main/features/export/photos/url-fetchers'
import type { UrlFetcher } from '../../../src-main/features/export/photos/photo-export-types'
import { fileBytes, listFiles, manifestRows, sha256 } from '../../support/export-folder'

let mls: DemoMls
let withPhotos: Listing[]
let withheld: Listing
let noPhotos: Listing
const dirs: string[] = []

beforeAll(async () => {
  mls = await startDemoMls({ listings: 520 })
  const all = [...mls.ctx.data.listings()]
  withPhotos = all.filter((l) => l.PhotosCount >= 2 && (Number(l.ListingKey) - 20_000_000) % 500 !== 1).slice(0, 5)
  withheld = all.find((l) => (Number(l.ListingKey) - 20_000_000) % 500 === 1 && l.PhotosCount > 1)!
  noPhotos = all.find((l) => l.PhotosCount === 0)!
})
afterAll(async () => {
  await mls.close()
})
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'photo-export-'))
  dirs.push(d)
  return d
}

function session(): RetsSession {
  return new RetsSession(
    {
      loginUrl: `${mls.url}/rets/Login`,
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      retsVersion: '1.7.2'
    },
    new HttpClient()
  )
}

function source(mode: RetsObjectMode, fetcher?: UrlFetcher): RetsObjectSource {
  return new RetsObjectSource(session(), { mode, ...(fetcher ? { fetcher } : {}) })
}

function control(onDone?: (done: number, abort: () => void) => void): JobControl & { controller: AbortController } {
  const controller = new AbortController()
  return {
    controller,
    signal: controller.signal,
    progress: (done) => onDone?.(done, () => controller.abort())
  }
}

const photo = (key: string, n: number, type: 'Photo' | 'HiRes' = 'Photo'): Buffer => mls.ctx.data.photo(key, n, type)!
const photoTotal = (ls: Listing[]): number => ls.reduce((s, l) => s + l.PhotosCount, 0)

describe('RETS photo export', () => {
  it('multipart: every object streamed to disk with the server bytes, manifest rows with sha256, error rows for missing', async () => {
    const dest = tempDir()
    const keys = [...withPhotos.map((l) => l.ListingKey), withheld.ListingKey, noPhotos.ListingKey, '29999999']
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'], batchSize: 3 },
      source('multipart'),
      control()
    )

    const expectedWritten = photoTotal(withPhotos) + withheld.PhotosCount - 1
    expect(summary).toMatchObject({
      written: expectedWritten,
      failed: 3,
      missing: 3,
      skipped: 0,
      cancelled: false,
      listings: keys.length
    })
    const rows = manifestRows(dest)
    expect(rows).toHaveLength(expectedWritten + 3)
    for (const l of withPhotos) {
      for (let n = 1; n <= l.PhotosCount; n++) {
        const row = rows.find((r) => r.listing === l.ListingKey && r.objectId === String(n))!
        expect(row).toMatchObject({
          file: `${l.ListingKey}/${n}.jpg`,
          status: 'written',
          contentType: 'image/jpeg',
          type: 'Photo',
          resource: 'Property'
        })
        expect(row.description).toBe(l.Media[n - 1]!.ShortDescription)
        const bytes = fileBytes(dest, row.file)
        expect(bytes.equals(photo(l.ListingKey, n))).toBe(true)
        expect(row.bytes).toBe(bytes.length)
        expect(row.sha256).toBe(sha256(bytes))
      }
    }
    const missingRow = rows.find(
      (r) => r.listing === withheld.ListingKey && r.objectId === String(withheld.PhotosCount)
    )!
    expect(missingRow).toMatchObject({ status: 'failed', file: '', bytes: 0 })
    expect(missingRow.error).toMatch(/^20403 No Object Found/)
    expect(rows.filter((r) => r.listing === noPhotos.ListingKey).map((r) => r.status)).toEqual(['failed'])
    expect(rows.find((r) => r.listing === '29999999')?.error).toMatch(/does not exist/)
    expect(summary.errors.map((e) => e.listing).sort()).toEqual(
      [withheld.ListingKey, noPhotos.ListingKey, '29999999'].sort()
    )

    const files = listFiles(dest)
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([])
    expect(files.filter((f) => f.endsWith('.jpg'))).toHaveLength(expectedWritten)
    // the CSV holds the same rows, header first
    const csv = fileBytes(dest, 'manifest.csv').toString('utf8').trimEnd().split('\r\n')
    expect(csv[0]).toBe(
      'listing,resource,type,objectId,file,bytes,sha256,contentType,description,sourceUrl,status,error,at'
    )
    expect(csv).toHaveLength(rows.length + 1)
    expect(summary.bytesWritten).toBe(rows.reduce((s, r) => s + r.bytes, 0))
  })

  it('Location=1 with two types: URLs downloaded concurrently into {ListingKey}/{Type}/…, sourceUrl recorded', async () => {
    const dest = tempDir()
    const keys = withPhotos.slice(0, 3).map((l) => l.ListingKey)
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo', 'HiRes'], concurrency: 3 },
      source('location'),
      control()
    )
    const total = photoTotal(withPhotos.slice(0, 3))
    expect(summary).toMatchObject({ written: total * 2, failed: 0 })
    for (const row of manifestRows(dest)) {
      const type = row.type as 'Photo' | 'HiRes'
      expect(row.file).toBe(`${row.listing}/${type}/${row.objectId}.jpg`)
      expect(row.sourceUrl).toBe(`${mls.url}/rets/media/${row.listing}/${type}/${row.objectId}.jpg`)
      expect(fileBytes(dest, row.file).equals(photo(row.listing, Number(row.objectId), type))).toBe(true)
    }
  })

  it('object id 0 and explicit lists; single mode asks one object per request', async () => {
    const dest = tempDir()
    const l = withPhotos[0]!
    const preferred = await exportPhotos(
      { destination: dest, listingKeys: [l.ListingKey], types: ['HiRes'], objectIds: '0' },
      source('multipart'),
      control()
    )
    expect(preferred.written).toBe(1)
    expect(fileBytes(dest, `${l.ListingKey}/0.jpg`).equals(photo(l.ListingKey, 1, 'HiRes'))).toBe(true)

    const dest2 = tempDir()
    const listed = await exportPhotos(
      {
        destination: dest2,
        listingKeys: [l.ListingKey],
        types: ['Photo'],
        objectIds: [2, 1, 99],
        namingPattern: '{ListingKey}-{Order:3}.{ext}'
      },
      source('single'),
      control()
    )
    expect(listed).toMatchObject({ written: 2, failed: 1, missing: 1 })
    expect(listFiles(dest2).filter((f) => f.endsWith('.jpg'))).toEqual([
      `${l.ListingKey}-001.jpg`,
      `${l.ListingKey}-002.jpg`
    ])
    expect(fileBytes(dest2, `${l.ListingKey}-002.jpg`).equals(photo(l.ListingKey, 2))).toBe(true)
  })

  it('keys GetObject cannot express and batches the server refuses become error rows; a failing server stops the export', async () => {
    const dest = tempDir()
    const keys = [withPhotos[0]!.ListingKey, 'a,b', 'c:1']
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'], batchSize: 3 },
      source('multipart'),
      control()
    )
    expect(summary.written).toBe(withPhotos[0]!.PhotosCount)
    expect(summary.errors.map((e) => [e.listing, e.missing])).toEqual([
      ['a,b', false],
      ['c:1', false]
    ])

    // an unknown object type: every batch is refused with 20401; recorded per listing, then the export gives up
    const dest2 = tempDir()
    const many = withPhotos.map((l) => l.ListingKey)
    const failing = exportPhotos(
      { destination: dest2, listingKeys: many, types: ['Bogus'], batchSize: 1 },
      source('multipart'),
      control()
    )
    await expect(failing).rejects.toMatchObject({
      code: 'EXPORT_SOURCE_FAILING',
      message: expect.stringContaining('RETS_20401')
    })
    const rows = manifestRows(dest2)
    expect(rows).toHaveLength(3)
    expect(rows.every((r) => r.status === 'failed' && r.objectId === '*' && r.error.startsWith('RETS_20401'))).toBe(
      true
    )
  })

  it('resume after a cancel downloads nothing that is complete and leaves complete files untouched', async () => {
    const dest = tempDir()
    const keys = withPhotos.map((l) => l.ListingKey)
    const total = photoTotal(withPhotos)
    const first = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'], concurrency: 2, batchSize: 2 },
      source('location'),
      control((done, abort) => {
        if (done >= 5) abort()
      })
    )
    expect(first.cancelled).toBe(true)
    expect(first.written).toBeGreaterThanOrEqual(5)
    expect(first.written).toBeLessThan(total)
    expect(listFiles(dest).filter((f) => f.endsWith('.part'))).toEqual([])
    const before = new Map(manifestRows(dest).map((r) => [r.file, statSync(path.join(dest, r.file)).mtimeMs]))

    const second = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'], concurrency: 2, batchSize: 2 },
      source('location'),
      control()
    )
    expect(second).toMatchObject({
      skipped: first.written,
      written: total - first.written,
      failed: 0,
      cancelled: false
    })
    const rows = manifestRows(dest)
    // compacted: one row per object
    expect(rows).toHaveLength(total)
    const newBytes = rows.filter((r) => !before.has(r.file)).reduce((s, r) => s + r.bytes, 0)
    expect(second.bytesDownloaded).toBe(newBytes)
    for (const [file, mtime] of before) expect(statSync(path.join(dest, file)).mtimeMs).toBe(mtime)
    for (const r of rows) expect(fileBytes(dest, r.file).equals(photo(r.listing, Number(r.objectId)))).toBe(true)

    // a third run finds every listing finished: not one request, not one byte
    const third = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'] },
      source('multipart'),
      control()
    )
    expect(third).toMatchObject({ skipped: total, written: 0, bytesDownloaded: 0 })
  })

  it('a finished multipart export resumed again re-downloads nothing; only the listing with a damaged file is fetched again', async () => {
    const dest = tempDir()
    const keys = withPhotos.slice(0, 2).map((l) => l.ListingKey)
    const total = photoTotal(withPhotos.slice(0, 2))
    await exportPhotos({ destination: dest, listingKeys: keys, types: ['Photo'] }, source('multipart'), control())
    const again = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'] },
      source('multipart'),
      control()
    )
    expect(again).toMatchObject({ skipped: total, written: 0, bytesDownloaded: 0 })

    const damaged = `${keys[0]}/1.jpg`
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path.join(dest, damaged), 'not a photo')
    const repaired = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['Photo'] },
      source('multipart'),
      control()
    )
    // the damaged listing is asked for again (`*`), its intact parts are skipped, only the damaged one rewritten
    expect(repaired).toMatchObject({ written: 1, skipped: total - 1 })
    expect(repaired.bytesDownloaded).toBe(withPhotos[0]!.Media.reduce((s, m) => s + photo(keys[0]!, m.Order).length, 0))
    expect(fileBytes(dest, damaged).equals(photo(keys[0]!, 1))).toBe(true)
    expect(manifestRows(dest)).toHaveLength(total)
  })

  it('multipart cancel after the first object: no further request, no .part, written rows match the files', async () => {
    const dest = tempDir()
    const keys = withPhotos.map((l) => l.ListingKey)
    // parts already received in the same network chunk may still complete; no later batch is requested
    const summary = await exportPhotos(
      { destination: dest, listingKeys: keys, types: ['HiRes'], batchSize: 2 },
      source('multipart'),
      control((done, abort) => {
        if (done >= 1) abort()
      })
    )
    expect(summary.cancelled).toBe(true)
    expect(summary.written).toBeGreaterThanOrEqual(1)
    expect(summary.written).toBeLessThanOrEqual(photoTotal(withPhotos.slice(0, 2)))
    const rows = manifestRows(dest)
    expect(rows).toHaveLength(summary.written)
    expect(
      listFiles(dest)
        .filter((f) => f.endsWith('.jpg'))
        .sort()
    ).toEqual(rows.map((r) => r.file).sort())
    expect(listFiles(dest).filter((f) => f.endsWith('.part'))).toEqual([])
  })

  it('cancel in the middle of a file stops at once and removes its .part', async () => {
    const dest = tempDir()
    const l = withPhotos[0]!
    const http = new HttpClient()
    let sawPart = false
    const ctl = control()
    // hands out the first chunk of each URL and more than the 1 MB a writer gathers before its first hand-over to
    // the file lane (a large object), then stalls until the job is cancelled
    const stalling: UrlFetcher = async (url, signal) => {
      const res = await downloadFetcher(http, 'include')(url, signal)
      async function* body(): AsyncIterable<Buffer> {
        for await (const chunk of res.body) {
          yield chunk.subarray(0, 100)
          yield Buffer.alloc(1_200_000)
          // the lane's worker creates the .part: wait for it (a loaded machine is slow), then cancel
          for (let i = 0; i < 300 && !sawPart; i++) {
            sawPart = listFiles(dest).some((f) => f.endsWith('.jpg.part'))
            if (!sawPart) await new Promise((r) => setTimeout(r, 10))
          }
          setTimeout(() => ctl.controller.abort(), 20)
          await new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))
          )
        }
      }
      return { status: res.status, ...(res.contentType ? { contentType: res.contentType } : {}), body: body() }
    }
    // a stalled body that ignored the abort would never resolve: the test's own timeout is the failure
    const summary = await exportPhotos(
      { destination: dest, listingKeys: [l.ListingKey], types: ['Photo'] },
      source('location', stalling),
      ctl
    )
    expect(sawPart).toBe(true)
    expect(summary).toMatchObject({ cancelled: true, written: 0 })
    expect(listFiles(dest).filter((f) => !f.startsWith('manifest.') && !f.startsWith('.photo-export'))).toEqual([])
  })
})
