// Case "getobject": one multipart/parallel GetObject reply (~1,000 photos) written to one file per photo.
// Ours = getObjects (streaming multipart splitter) with a file sink; floors = the HTTP body stream-copied to one
// file, and the body split into one crash-safe file per photo with nothing else (files-floor); baseline = rets-client's streaming getObjects piping each photo to a file. Files are checksummed after the
// clock stops; ours and rets-client must produce the same set.
import { close, createWriteStream, open } from 'node:fs'
import { promisify } from 'node:util'
import { mkdir, rename, rm } from 'node:fs/promises'
import { createHash, randomBytes, type Hash } from 'node:crypto'
import path from 'node:path'
import { getObjects, type ObjectSink } from '../../src-main/protocols/rets/objects/get-object'
import { exportPhotos } from '../../src-main/features/export/photos/photo-export-engine'
import { RetsObjectSource } from '../../src-main/features/export/photos/sources/rets-object-source'
import { STATE_FILE } from '../../src-main/features/export/photos/resume-index'
import { PART_SUFFIX, WriteBudget } from '../../src-main/features/export/photos/photo-file-writer'
import { writevAll } from '../../src-main/platform/files/piecewise-write'
import { boundaryOf, MultipartSplitter } from '../../src-main/protocols/rets/objects/multipart-splitter'
import { partInfo } from '../../src-main/protocols/rets/objects/object-part'
import { dirChecksum, emptyRunDir, photoFileName } from '../harness/file-set'
import { drainGet, getResponse } from '../harness/http-drain'
import { ourRetsSession } from '../harness/our-rets'
import type { VariantFn, VariantOutput } from '../harness/protocol'
import { preloadRetsClient, retsClient, retsClientSettings, type RetsClientObjectEvent } from '../harness/baseline-libs'
import { cpuSince, timedPhaseDone } from '../harness/timed-phase'

export interface GetObjectParams {
  url: string
  type: string
  ids: Record<string, string>
  outDir: string
}

async function freshDir(base: string, variant: string): Promise<string> {
  const dir = path.join(base, `${variant}-${randomBytes(4).toString('hex')}`)
  await mkdir(dir, { recursive: true })
  return dir
}

interface Timed {
  timedMs: number
  /** the process's CPU over the timed phase: user = JS, hashing, copies; system = the kernel's file work (the
   * thread pool's included) */
  cpuUserMs: number
  cpuSysMs: number
}

/** Starts the clock; the returned function stops it. */
function startClock(): () => Timed {
  const started = performance.now()
  const cpu = process.cpuUsage()
  return () => {
    const used = cpuSince(cpu)
    timedPhaseDone()
    return { timedMs: performance.now() - started, ...used }
  }
}

async function finishWith(dir: string, { timedMs, ...cpu }: Timed, bytesIn: number): Promise<VariantOutput> {
  const sum = await dirChecksum(dir)
  // BENCH_KEEP_FILES=1 keeps the photo folders for a look when the checksums disagree
  if (!process.env.BENCH_KEEP_FILES) await emptyRunDir(dir)
  return {
    rows: sum.files,
    bytes: bytesIn || sum.bytes,
    checksum: sum.checksum,
    timedMs,
    extra: { fileBytes: sum.bytes, ...cpu }
  }
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as GetObjectParams
  const dir = await freshDir(p.outDir, 'ours')
  const session = ourRetsSession(p.url)
  await session.login()
  const stop = startClock()
  // the simplest sink: a photo's chunks gathered, then open, 64 KB writes, close, each on the thread pool (the app's
  // file lane wants the backpressure of the engine's WriteBudget, which getObjects' sinks do not give). A write
  // stream per photo batched its queued chunks into one writev, which on this VM is the slow large write
  // (bench/README: up to ~1.2 s of system time a run)
  const sink: ObjectSink = {
    open(info) {
      const file = path.join(dir, photoFileName(info.contentId, info.objectId))
      const chunks: Buffer[] = []
      return {
        write: (chunk) => void chunks.push(chunk),
        close: async (result) => {
          // a 20403 part is a missing photo, not a file
          if (result.error) return
          await writeChunks(file, chunks)
        }
      }
    }
  }
  const summary = await getObjects(session, { resource: 'Property', type: p.type, ids: idString(p.ids) }, sink)
  const timed = stop()
  session.http.close()
  const out = await finishWith(dir, timed, 0)
  out.extra = { ...out.extra, parts: summary.parts, missing: summary.missing, errors: summary.errors }
  return out
}

// The app's photo export as the user runs it: SHA-256 of every file, the manifest, .part → rename. All keys in one
// request (the replay server answers every GetObject with the whole captured reply); names match photoFileName.
const oursEngine: VariantFn = async (raw) => {
  const p = raw as unknown as GetObjectParams
  const dir = await freshDir(p.outDir, 'engine')
  const session = ourRetsSession(p.url)
  await session.login()
  const keys = Object.keys(p.ids)
  const stop = startClock()
  const summary = await exportPhotos(
    {
      destination: dir,
      listingKeys: keys,
      types: [p.type],
      objectIds: '*',
      namingPattern: '{ListingKey}-{ObjectId}.{ext}',
      batchSize: keys.length,
      resume: false
    },
    new RetsObjectSource(session, { resource: 'Property', mode: 'multipart' })
  )
  const timed = stop()
  session.http.close()
  // the manifests and the resume journal are the engine's own extra output; the photo set is what is compared
  await rm(summary.manifestCsv)
  await rm(summary.manifestJsonl)
  await rm(path.join(dir, STATE_FILE), { force: true })
  const out = await finishWith(dir, timed, 0)
  out.extra = { ...out.extra, written: summary.written, failed: summary.failed }
  return out
}

function getObjectUrl(p: GetObjectParams): string {
  const q = new URLSearchParams({ Resource: 'Property', Type: p.type, ID: idString(p.ids), Location: '0' })
  return `${p.url}/rets/GetObject?${q}`
}

const streamCopy: VariantFn = async (raw) => {
  const p = raw as unknown as GetObjectParams
  const dir = await freshDir(p.outDir, 'copy')
  const stop = startClock()
  const r = await drainGet(getObjectUrl(p), { toFile: path.join(dir, 'body.bin') })
  const { timedMs, ...cpu } = stop()
  await emptyRunDir(dir)
  return { bytes: r.bytes, checksum: r.sha256, timedMs, extra: cpu }
}

const openNew = promisify((file: string, done: (err: Error | null, fd: number) => void) => open(file, 'wx', done))
const closeFd = promisify(close)

/** A new file opened, written in 64 KB calls and closed, each call a trip through the thread pool. */
async function writeChunks(file: string, chunks: Buffer[]): Promise<void> {
  const fd = await openNew(file)
  await writevAll(fd, chunks)
  await closeFd(fd)
}

/** What any crash-safe writer of one photo must do: `.part` written (writeChunks), then renamed. */
async function writeAndRename(file: string, chunks: Buffer[]): Promise<void> {
  const part = file + PART_SUFFIX
  await writeChunks(part, chunks)
  await rename(part, file)
}

// The floor of one file per photo written through the thread pool, as the engine wrote until its file lane: the
// body split by the app's splitter (splitting is the least any export does) and each image part written by
// writeAndRename — no hash, no manifest, no error sniffing. Photos wait for the disk side by side, at most 32 MB (the
// pool design's budget: its parallel writes wanted a deep queue). `sha256`: the same plus the SHA-256 of every photo
// as its bytes pass on this thread (diagnostic: what the hash costs the pool design).
const filesFloor =
  (sha256: boolean): VariantFn =>
  async (raw) => {
    const p = raw as unknown as GetObjectParams
    const dir = await freshDir(p.outDir, 'files-floor')
    const stop = startClock()
    const res = await getResponse(getObjectUrl(p))
    const budget = new WriteBudget(32 << 20)
    const writes: Array<Promise<void>> = []
    let part: { file: string; chunks: Buffer[]; bytes: number; hash?: Hash } | undefined
    const splitter = new MultipartSplitter(boundaryOf(res.headers['content-type'])!, {
      partStart: (headers) => {
        const info = partInfo(headers)
        const image = /^image\//i.test(info.contentType ?? '')
        const file = path.join(dir, photoFileName(info.contentId, info.objectId))
        part = image ? { file, chunks: [], bytes: 0, ...(sha256 ? { hash: createHash('sha256') } : {}) } : undefined
      },
      partData: (chunk) => {
        if (!part) return
        part.hash?.update(chunk)
        part.chunks.push(chunk)
        part.bytes += chunk.length
        budget.add(chunk.length)
      },
      partEnd: () => {
        if (!part) return
        const { file, chunks, bytes, hash } = part
        hash?.digest()
        writes.push(writeAndRename(file, chunks).finally(() => budget.release(bytes)))
      }
    })
    for await (const chunk of res) {
      splitter.push(chunk as Buffer)
      if (budget.full) await budget.room()
    }
    splitter.end()
    await Promise.all(writes)
    return finishWith(dir, stop(), 0)
  }

const retsClientVariant: VariantFn = async (raw) => {
  const p = raw as unknown as GetObjectParams
  const dir = await freshDir(p.outDir, 'rets-client')
  let stop: (() => Timed) | undefined
  await retsClient().getAutoLogoutClient(retsClientSettings(p.url), async (client) => {
    stop = startClock()
    const { objectStream } = await client.objects.stream.getObjects('Property', p.type, p.ids, {
      alwaysGroupObjects: true
    })
    const writes: Array<Promise<void>> = []
    await new Promise<void>((resolve, reject) => {
      objectStream.on('data', (e: RetsClientObjectEvent) => {
        if (e.type !== 'dataStream' || !e.dataStream) return
        const out = createWriteStream(path.join(dir, photoFileName(e.headerInfo?.contentId, e.headerInfo?.objectId)))
        writes.push(new Promise((done, fail) => out.on('finish', done).on('error', fail)))
        e.dataStream.pipe(out)
      })
      objectStream.on('error', reject)
      objectStream.on('end', resolve)
    })
    await Promise.all(writes)
  })
  return finishWith(dir, stop!(), 0)
}

export function idString(ids: Record<string, string>): string {
  return Object.entries(ids)
    .map(([k, v]) => `${k}:${v}`)
    .join(',')
}

export const variants: Record<string, VariantFn> = {
  ours,
  'ours-engine': oursEngine,
  'stream-copy': streamCopy,
  'files-floor': filesFloor(false),
  'files-floor-sha256': filesFloor(true),
  'rets-client': retsClientVariant
}

export const preload = { 'rets-client': preloadRetsClient }
