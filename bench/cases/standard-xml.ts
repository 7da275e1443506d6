// Case "standard-xml": a STANDARD-XML search reply (captured from the Demo MLS) parsed into rows.
// Ours = streamXml (light tokenizer + repair) → StandardXmlRowCollector; baseline = fast-xml-parser on the whole
// document. Both reduce each record to its sorted non-empty (path=value) pairs, so the checksums compare even though
// ours discovers columns as it goes. That reduction is the verification and, as in every case, untimed: ours parses
// a second time to check (the same code on the same file; the row counts must agree), the baseline after its parse.
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

/** One streaming parse of the file into rows; `row` gets each record's values (columns as discovered). */
async function parseFile(
  p: FileParams,
  row: (values: string[], columns: string[]) => void
): Promise<{ bytes: number; count: number }> {
  let bytes = 0
  let columns: string[] = []
  const source = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(p.file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length
      yield chunk
    }
  }
  const collector = new StandardXmlRowCollector({
    columns: (cols) => (columns = cols),
    row: (values) => row(values, columns)
  })
  await streamXml(source(), p.contentType, collector, { parser: 'light' })
  return { bytes, count: collector.facts.count ?? -1 }
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as FileParams
  const started = performance.now()
  let timedRows = 0
  const { bytes, count } = await parseFile(p, () => void timedRows++)
  const timedMs = performance.now() - started
  timedPhaseDone()
  // the check parses again, untimed, as the baseline's runs after its parse: hashing inside the timed parse left
  // its garbage (the sorted pairs of 33,000 records) to the parse's GC
  const verifyStart = performance.now()
  const sum = new RowChecksum()
  await parseFile(p, (values, columns) => sum.add(pairs(values.map((v, i): [string, string] => [columns[i]!, v]))))
  if (sum.rows !== timedRows) throw new Error(`the timed parse gave ${timedRows} rows, the check ${sum.rows}`)
  return {
    rows: sum.rows,
    bytes,
    checksum: sum.digest(),
    timedMs,
    extra: { serverCount: count, verifyMs: Math.round(performance.now() - verifyStart) }
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
