// The engine with a scripted source: disk-full and permission errors, collisions and users' own files, error parts
// that must not create files, batch failures, progress reporting.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JobManager } from '../../../../src-main/platform/jobs/job-manager'
import type { JobProgress } from '../../../../contract/job-channels'
import {
  exportPhotos,
  photoExportJobSpec,
  planExport
} from '../../../../src-main/features/export/photos/photo-export-engine'
import type {
  ExportObjectSink,
  ObjectMeta,
  PhotoSource,
  SourceBatch,
  UrlFetcher,
  UrlObject
} from '../../../../src-main/features/export/photos/photo-export-types'
import { listFiles, manifestRows } from '../../../support/export-folder'
import { sharedFileLane, type PhotoFileLane } from '../../../../src-main/features/export/photos/photo-file-lane'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const temp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'engine-'))
  dirs.push(d)
  return d
}

const bytesOf = (key: string, n: number): Buffer => Buffer.from(`${key}#${n}`.repeat(50))

interface ScriptedPart {
  objectId: string
  contentType: string
  body: Buffer
  error?: { message: string; missing: boolean }
}

/** Streams scripted parts for each key; URL items go through a fetcher that serves bytesOf(). */
class ScriptedSource implements PhotoSource {
  readonly kind = 'rets' as const
  readonly resource = 'Property'
  batches: SourceBatch[] = []
  constructor(
    private readonly parts: (key: string) => ScriptedPart[],
    private readonly urls: (key: string) => number[] = () => [],
    private readonly failBatch?: (batch: SourceBatch) => Error | undefined
  ) {}
  readonly fetcher: UrlFetcher = async (url) => {
    const [, key, n] = /\/(\w+)\/(\d+)$/.exec(url)!
    return {
      status: 200,
      contentType: 'image/jpeg',
      body: (async function* () {
        yield bytesOf(key!, Number(n))
      })()
    }
  }
  async fetch(batch: SourceBatch, sink: ExportObjectSink): Promise<UrlObject[]> {
    this.batches.push(batch)
    const failure = this.failBatch?.(batch)
    if (failure) throw failure
    for (const key of batch.keys) {
      for (const p of this.parts(key)) {
        const meta: ObjectMeta = {
          listingKey: key,
          resource: 'Property',
          type: batch.type,
          objectId: p.objectId,
          contentType: p.contentType
        }
        const w = sink.open(meta)
        w.write(p.body.subarray(0, 10))
        w.write(p.body.subarray(10))
        await w.close({ meta, ...(p.error ? { error: p.error } : {}) })
      }
    }
    return batch.keys.flatMap((key) =>
      this.urls(key).map((n) => ({
        url: `http://cdn.test/${key}/${n}`,
        meta: { listingKey: key, resource: 'Property', type: batch.type, objectId: String(n), order: n }
      }))
    )
  }
}

const jpegParts =
  (count: number) =>
  (key: string): ScriptedPart[] =>
    Array.from({ length: count }, (_, i) => ({
      objectId: String(i + 1),
      contentType: 'image/jpeg',
      body: bytesOf(key, i + 1)
    }))

/** The app's lane with its appends replaced. */
const laneWith = (append: PhotoFileLane['append']): PhotoFileLane => ({
  append,
  rename: (from, to) => sharedFileLane.rename(from, to),
  release: (slot) => sharedFileLane.release(slot)
})

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: simulated`), { code, syscall: 'write', errno: -28 })

describe('photo export engine', () => {
  it('validates the request', () => {
    expect(() =>
      planExport({
        destination: 'relative',
        listingKeys: [' ', ''],
        types: [],
        batchSize: 0,
        concurrency: 99,
        namingPattern: '{Bad}'
      })
    ).toThrow(/absolute destination.*No listing keys.*at least one object type.*Batch size.*Concurrency.*Unknown token/)
    const plan = planExport({
      destination: '/tmp/x',
      listingKeys: [' A ', 'A', 'B'],
      types: ['Photo', 'HiRes'],
      objectIds: [1, 2]
    })
    expect(plan).toMatchObject({
      keys: ['A', 'B'],
      objectsTotal: 8,
      batchSize: 10,
      concurrency: 4,
      resume: true,
      verify: 'hash'
    })
    expect(plan.pattern.source).toBe('{ListingKey}/{Type}/{ObjectId}.{ext}')
  })

  it('disk full: a clear AppError with a hint, earlier files and rows kept, no .part left', async () => {
    const dest = temp()
    // the first two files are written, then the disk is full: the third fails after its .part exists
    let files = 0
    const lane = laneWith(async (slot, partPath, chunks, last) => {
      if (++files <= 2) return sharedFileLane.append(slot, partPath, chunks, last)
      writeFileSync(partPath, '')
      throw Object.assign(errno('ENOSPC'), { created: true })
    })
    const run = exportPhotos(
      { destination: dest, listingKeys: ['A'], types: ['Photo'] },
      new ScriptedSource(jpegParts(5)),
      undefined,
      { fileOptions: { lane } }
    )
    await expect(run).rejects.toMatchObject({
      code: 'EXPORT_DISK_FULL',
      hint: expect.stringMatching(/Free some space/)
    })
    expect(listFiles(dest).filter((f) => f.endsWith('.part'))).toEqual([])
    expect(listFiles(dest).filter((f) => f.endsWith('.jpg'))).toEqual(['A/1.jpg', 'A/2.jpg'])
    expect(manifestRows(dest).map((r) => r.status)).toEqual(['written', 'written'])
  })

  it('permission denied when opening a file: EXPORT_PERMISSION_DENIED with a hint', async () => {
    const dest = temp()
    const lane = laneWith(() =>
      Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open' }))
    )
    await expect(
      exportPhotos(
        { destination: dest, listingKeys: ['A'], types: ['Photo'] },
        new ScriptedSource(jpegParts(1)),
        undefined,
        { fileOptions: { lane } }
      )
    ).rejects.toMatchObject({
      code: 'EXPORT_PERMISSION_DENIED',
      hint: expect.stringMatching(/folder you can write to/)
    })
  })

  it('error parts create no file; small text objects that are not errors are written', async () => {
    const dest = temp()
    const parts = (): ScriptedPart[] => [
      {
        objectId: '1',
        contentType: 'text/xml',
        body: Buffer.from('<RETS ReplyCode="20403" ReplyText="No Object Found"/>'),
        error: { message: 'No Object Found', missing: true }
      },
      { objectId: '2', contentType: 'text/plain', body: Buffer.from('a floor plan note, not an error') }
    ]
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['A'], types: ['Photo'] },
      new ScriptedSource(parts),
      undefined
    )
    expect(summary).toMatchObject({ written: 1, failed: 1, missing: 1 })
    expect(listFiles(dest).filter((f) => f.startsWith('A/'))).toEqual(['A/2.txt'])
    expect(readFileSync(path.join(dest, 'A/2.txt'), 'utf8')).toBe('a floor plan note, not an error')
  })

  it('collisions get -2, -3; a file the user already had is never overwritten', async () => {
    const dest = temp()
    writeFileSync(path.join(dest, 'B.jpg'), 'mine')
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['A', 'B'], types: ['Photo'], namingPattern: '{ListingKey}.{ext}' },
      new ScriptedSource(jpegParts(2), () => [3]),
      undefined
    )
    expect(summary.written).toBe(6)
    expect(listFiles(dest).filter((f) => f.endsWith('.jpg'))).toEqual([
      'A-2.jpg',
      'A-3.jpg',
      'A.jpg',
      'B-2.jpg',
      'B-3.jpg',
      'B-4.jpg',
      'B.jpg'
    ])
    expect(readFileSync(path.join(dest, 'B.jpg'), 'utf8')).toBe('mine')
    expect(readFileSync(path.join(dest, 'A-3.jpg')).equals(bytesOf('A', 3))).toBe(true)
  })

  it('a failed batch is recorded per listing and the export goes on; progress carries totals and a message', async () => {
    const dest = temp()
    const source = new ScriptedSource(
      jpegParts(2),
      () => [],
      (b) => (b.keys.includes('B') ? new Error('HTTP 500 from server') : undefined)
    )
    const calls: Array<{ done: number; total?: number; message?: string }> = []
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['A', 'B', 'C'], types: ['Photo'], batchSize: 1, objectIds: [1, 2] },
      source,
      { signal: new AbortController().signal, progress: (done, o) => calls.push({ done, ...o }) }
    )
    expect(summary).toMatchObject({ written: 4, failed: 1, missing: 0, listings: 3 })
    expect(summary.errors).toEqual([
      { listing: 'B', type: 'Photo', objectId: '1:2', message: 'HTTP 500 from server', missing: false }
    ])
    expect(source.batches.map((b) => b.keys)).toEqual([['A'], ['B'], ['C']])
    const last = calls[calls.length - 1]!
    expect(last).toMatchObject({ done: 5, total: 6 })
    expect(last.message).toMatch(/^5 objects · 4 written · 1 failed · .* · listing 3\/3$/)
    // B is not journaled as done: a resumed run asks for it again, and only for it
    const again = new ScriptedSource(jpegParts(2))
    const resumed = await exportPhotos(
      { destination: dest, listingKeys: ['A', 'B', 'C'], types: ['Photo'], batchSize: 1, objectIds: [1, 2] },
      again,
      undefined
    )
    expect(again.batches.map((b) => b.keys)).toEqual([['B']])
    expect(resumed).toMatchObject({ written: 2, skipped: 4, failed: 0 })
    expect(existsSync(path.join(dest, 'B/2.jpg'))).toBe(true)
    // the batch failure of the first run is superseded in the compacted manifest
    expect(manifestRows(dest).map((r) => `${r.listing}/${r.objectId}:${r.status}`)).toEqual([
      'A/1:skipped',
      'A/2:skipped',
      'C/1:skipped',
      'C/2:skipped',
      'B/1:written',
      'B/2:written'
    ])
  })

  it('runs as a JobManager job: progress events, and a cancel ends it as cancelled with a summary', async () => {
    const dest = temp()
    const events: JobProgress[] = []
    const jobs = new JobManager((p) => events.push(p))
    let jobId = ''
    const source = new ScriptedSource(
      jpegParts(2),
      () => [],
      (b) => {
        if (b.keys[0] === 'B') jobs.cancel(jobId)
        return undefined
      }
    )
    const request = { destination: dest, listingKeys: ['A', 'B', 'C', 'D'], types: ['Photo'], batchSize: 1 }
    const started = jobs.start(photoExportJobSpec(request), (job) => exportPhotos(request, source, job))
    jobId = started.jobId
    const summary = await started.result
    expect(summary.cancelled).toBe(true)
    expect(source.batches.map((b) => b.keys[0])).toEqual(['A', 'B'])
    // B was being written when the cancel came: its files are dropped, not finished
    expect(summary.written).toBe(2)
    expect(events[0]).toMatchObject({
      kind: 'photo-export',
      title: 'Export Photo of 4 listings',
      unit: 'objects',
      state: 'running'
    })
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' })
    expect(listFiles(dest).filter((f) => f.endsWith('.part'))).toEqual([])
  })
})
