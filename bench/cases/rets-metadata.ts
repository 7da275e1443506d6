// Case "metadata": the Demo MLS full STANDARD-XML metadata dump (GetMetadata METADATA-SYSTEM ID=*), parsed N times.
// Ours = readMetadataBlocks (streaming) → applyBlocks into the app's metadata model; baseline = fast-xml-parser.
// Guard: both count the same TABLE fields and LOOKUP_TYPE values.
import { closeSync, openSync, readSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createHash } from 'node:crypto'
import { readMetadataBlocks } from '../../src-main/protocols/rets/metadata/metadata-reader'
import { applyBlocks, emptyRetsModel } from '../../src-main/protocols/rets/metadata/metadata-model-builder'
import type { VariantFn } from '../harness/protocol'
import { preloadFastXmlParser } from '../harness/baseline-libs'

export interface MetadataParams {
  file: string
  contentType: string
  repeat: number
  /**
   * after the first parse: a full GC, then the heap used with the model alive (extra.heapWithModelMb) and the
   * model's own share of it (extra.modelHeapMb: minus the heap after a full GC before the parse)
   */
  measureHeap?: boolean
  /**
   * read the file chunk by chunk while parsing, as the app reads the socket, instead of from memory: for the large
   * dump, whose goal is the peak RSS (a 48 MB body held for the parse was a quarter of it); the small dump, parsed
   * 20 times for its speed, is fed from memory
   */
  streamFile?: boolean
}

function countsChecksum(fields: number, values: number): string {
  return createHash('sha256').update(`fields=${fields};values=${values}`).digest('hex')
}

/** A full GC, to read the heap the model holds (the worker runs without --expose-gc). */
function collect(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as MetadataParams
  const body = p.streamFile ? undefined : await readFile(p.file)
  const size = body?.length ?? (await stat(p.file)).size
  let modelHeapMb = 0
  let heapBeforeMb = 0
  if (p.measureHeap) {
    // the heap before any parse (node, tsx, the code, the file's text when held), so the model's own share can be told
    collect()
    heapBeforeMb = process.memoryUsage().heapUsed / 1048576
  }
  let untimedMs = 0
  const started = performance.now()
  let fields = 0
  let values = 0
  let firstModelMs = 0
  let resources = 0
  for (let i = 0; i < p.repeat; i++) {
    const t0 = performance.now()
    const chunks = body ? memoryChunks(body) : fileChunks(p.file)
    const read = await readMetadataBlocks(chunks, p.contentType, 'STANDARD-XML')
    const model = emptyRetsModel()
    applyBlocks(model, read.blocks)
    if (i === 0) {
      firstModelMs = performance.now() - t0
      resources = model.resources.length
      for (const b of read.blocks) {
        if (b.type === 'TABLE') fields += b.records.length
        if (b.type === 'LOOKUP_TYPE') values += b.records.length
      }
      if (p.measureHeap) {
        // the heap the model keeps once its blocks are applied and dropped; the GC is not timed
        const gcStart = performance.now()
        read.blocks.length = 0
        collect()
        modelHeapMb = Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10
        untimedMs += performance.now() - gcStart
      }
    }
  }
  const timedMs = performance.now() - started - untimedMs
  return {
    rows: fields + values,
    bytes: size * p.repeat,
    checksum: countsChecksum(fields, values),
    timedMs,
    extra: {
      modelReadyMs: Math.round(firstModelMs * 10) / 10,
      fields,
      lookupValues: values,
      resources,
      ...(p.measureHeap
        ? { heapWithModelMb: modelHeapMb, modelHeapMb: Math.round((modelHeapMb - heapBeforeMb) * 10) / 10 }
        : {})
    }
  }
}

// 64 KB chunks, as they would arrive from the socket
async function* memoryChunks(body: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += 1 << 16) yield body.subarray(at, at + (1 << 16))
}

/**
 * The file in fresh 64 KB chunks, as a socket delivers a reply: the app never holds the whole body (the baseline
 * must, and its read is not timed; these reads, from the page cache, are). A read stream's round trip through the
 * thread pool per chunk cost ~100 ms of 48 MB more than the socket would.
 */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  const fd = openSync(file, 'r')
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16)
      const n = readSync(fd, chunk, 0, chunk.length, null)
      if (n === 0) return
      yield n < chunk.length ? chunk.subarray(0, n) : chunk
    }
  } finally {
    closeSync(fd)
  }
}

function countChildren(node: unknown, into: { fields: number; values: number }, blockName?: string): void {
  if (Array.isArray(node)) {
    for (const n of node) countChildren(n, into, blockName)
    return
  }
  if (!node || typeof node !== 'object') return
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k.startsWith('@') || k === '#text') continue
    const upper = k.toUpperCase()
    if (upper.startsWith('METADATA-')) {
      countChildren(v, into, upper)
      continue
    }
    const n = Array.isArray(v) ? v.length : 1
    if (blockName === 'METADATA-TABLE') into.fields += n
    else if (blockName === 'METADATA-LOOKUP_TYPE') into.values += n
    // records of other blocks may nest further blocks (full dumps): keep walking without a block
    countChildren(v, into, undefined)
  }
}

const fastXmlParser: VariantFn = async (raw) => {
  // loaded here, not at the top, so the 'ours' workers do not carry the baseline's code in their RSS
  const { XMLParser } = await import('fast-xml-parser')
  const p = raw as unknown as MetadataParams
  const body = await readFile(p.file)
  const started = performance.now()
  const counts = { fields: 0, values: 0 }
  for (let i = 0; i < p.repeat; i++) {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      trimValues: false,
      parseTagValue: false
    })
    const doc = parser.parse(body.toString('utf8')) as unknown
    if (i === 0) countChildren(doc, counts)
  }
  return {
    rows: counts.fields + counts.values,
    bytes: body.length * p.repeat,
    checksum: countsChecksum(counts.fields, counts.values),
    timedMs: performance.now() - started,
    extra: { ...counts }
  }
}

export const variants: Record<string, VariantFn> = { ours, 'fast-xml-parser': fastXmlParser }

export const preload = { 'fast-xml-parser': preloadFastXmlParser }
