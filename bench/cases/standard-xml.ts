// Case "standard-xml": a STANDARD-XML search reply (captured from the Demo MLS) parsed into rows.
// Ours = streamXml (light tokenizer + repair) → StandardXmlRowCollector; baseline = fast-xml-parser on the whole
// document. Both reduce each record to its sorted non-empty (path=value) pairs, so the checksums compare even though
// ours discovers columns as it goes. That reduction is the verification and, as in every case, untimed: ours hashes
// each row as it streams by (the time inside the row callback is taken out), the baseline after its parse.
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { streamXml } from '../../src-main/protocols/rets/xml-stream'
import { StandardXmlRowCollector } from '../../src-main/protocols/rets/search/standard-xml-rows'
import type { VariantFn } from '../harness/protocol'
import { preloadFastXmlParser } from '../harness/baseline-libs'
import { RowChecksum } from '../harness/row-checksum'
import { timedPhaseDone } from '../harness/timed-phase'

export interface FileParams {
  file: string
  contentType: string
}

function pairs(entries: Array<[string, string]>): string[] {
  return entries
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .sort()
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as FileParams
  const started = performance.now()
  const sum = new RowChecksum()
  let columns: string[] = []
  let bytes = 0
  let verifyMs = 0
  const source = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(p.file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length
      yield chunk
    }
  }
  const collector = new StandardXmlRowCollector({
    columns: (cols) => (columns = cols),
    row: (values) => {
      const t = performance.now()
      sum.add(pairs(values.map((v, i): [string, string] => [columns[i]!, v])))
      verifyMs += performance.now() - t
    }
  })
  await streamXml(source(), p.contentType, collector, { parser: 'light' })
  const timedMs = performance.now() - started - verifyMs
  return {
    rows: sum.rows,
    bytes,
    checksum: sum.digest(),
    timedMs,
    extra: { serverCount: collector.facts.count ?? -1, verifyMs: Math.round(verifyMs) }
  }
}

function flatten(node: unknown, prefix: string, out: Array<[string, string]>): void {
  if (typeof node === 'string') {
    out.push([prefix, node])
    return
  }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === '#text') continue // whitespace between child elements
      flatten(v, prefix ? `${prefix}.${k}` : k, out)
    }
  }
}

const fastXmlParser: VariantFn = async (raw) => {
  // loaded here, not at the top, so the 'ours' workers do not carry the baseline's code in their RSS
  const { XMLParser } = await import('fast-xml-parser')
  const p = raw as unknown as FileParams
  const started = performance.now()
  const body = await readFile(p.file)
  const parser = new XMLParser({
    ignoreAttributes: true,
    trimValues: false,
    parseTagValue: false,
    // RETS.REData.<collection>.<record>: records are always a list
    isArray: (_name, jpath) => String(jpath).split('.').length === 4
  })
  const doc = parser.parse(body.toString('utf8')) as { RETS: { REData?: Record<string, Record<string, unknown[]>> } }
  const timedMs = performance.now() - started
  timedPhaseDone()
  const verifyStart = performance.now()
  const sum = new RowChecksum()
  for (const [collection, records] of Object.entries(doc.RETS.REData ?? {})) {
    if (collection === '#text' || typeof records !== 'object') continue
    for (const [name, list] of Object.entries(records)) {
      if (name === '#text' || !Array.isArray(list)) continue
      for (const rec of list) {
        const entries: Array<[string, string]> = []
        flatten(rec, '', entries)
        sum.add(pairs(entries))
      }
    }
  }
  const checksum = sum.digest()
  return {
    rows: sum.rows,
    bytes: body.length,
    checksum,
    timedMs,
    extra: { verifyMs: Math.round(performance.now() - verifyStart) }
  }
}

export const variants: Record<string, VariantFn> = { ours, 'fast-xml-parser': fastXmlParser }

export const preload = { 'fast-xml-parser': preloadFastXmlParser }
