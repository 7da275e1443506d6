// Case "compact": a ~1M-row COMPACT search. Ours = RetsSession → searchPage (byte-level scanner) → ResultStore;
// baselines: raw GET drain (floor), rets-client streaming search, fast-xml-parser over the whole body.
// The row checksum of ours is taken by reading every row back from the result store after the clock stops,
// so the store's content is what gets compared.
import { mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import { ResultStore } from '../../src-main/platform/results/result-store'
import { searchPage } from '../../src-main/protocols/rets/search/search-runner'
import { basicHeader, drainGet, getWhole } from '../harness/http-drain'
import { ourRetsSession } from '../harness/our-rets'
import type { VariantFn, VariantOutput } from '../harness/protocol'
import {
  preloadRetsClient,
  preloadFastXmlParser,
  retsClient,
  retsClientSettings,
  type RetsClientSearchEvent
} from '../harness/baseline-libs'
import { RowChecksum } from '../harness/row-checksum'
import { cpuSince, timedPhaseDone } from '../harness/timed-phase'

export interface CompactParams {
  url: string
  /** Basic credentials for the Demo MLS; the replay server needs none */
  user?: string
  password?: string
  resource: string
  cls: string
  query: string
  select: string
  limit: number
  storeDir: string
  /** raw-drain only: copy the body here (the capture the replay cases use) */
  captureFile?: string
}

export function compactSearchUrl(p: CompactParams): string {
  const q = new URLSearchParams({
    SearchType: p.resource,
    Class: p.cls,
    QueryType: 'DMQL2',
    Query: p.query,
    Format: 'COMPACT',
    Select: p.select,
    Limit: String(p.limit),
    Count: '0'
  })
  return `${p.url}/rets/Search?${q.toString()}`
}

function authHeaders(p: CompactParams): Record<string, string> {
  return p.user ? { Authorization: basicHeader(p.user, p.password ?? '') } : {}
}

/** Reads every row back from the store in pages and checksums them. */
export async function storeChecksum(store: ResultStore): Promise<RowChecksum> {
  const sum = new RowChecksum()
  for (let at = 0; at < store.total; at += 20_000) {
    const page = await store.page(at, 20_000)
    for (const row of page.rows) sum.add(row)
  }
  return sum
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as CompactParams
  const session = ourRetsSession(p.url, p.user, p.password)
  await session.login()
  const store = new ResultStore({ dir: p.storeDir })
  const started = performance.now()
  const cpu = process.cpuUsage()
  let firstByte = -1
  let firstRow = -1
  let diskWaitMs = 0
  let diskWaits = 0
  const page = await searchPage(
    session,
    {
      resource: p.resource,
      class: p.cls,
      query: p.query,
      format: 'COMPACT',
      select: p.select,
      limit: p.limit,
      count: 0
    },
    {
      columns: (cols) => store.setColumns(cols.map((name) => ({ name }))),
      row: (values) => {
        if (firstRow < 0) firstRow = performance.now() - started
        store.append(values)
      },
      // what fetchAll does for the app: plain COMPACT rows go to the store as bytes
      delimitedRow: (row) => {
        if (firstRow < 0) firstRow = performance.now() - started
        store.appendDelimited(row)
      },
      delimitedRows: (rows) => {
        if (firstRow < 0) firstRow = performance.now() - started
        store.appendDelimitedRows(rows)
      }
    },
    {
      onBytes: () => {
        if (firstByte < 0) firstByte = performance.now() - started
      },
      // as fetchAll does for the app: the body waits while the store's disk is behind (how long: the notes)
      beforeChunk: () => {
        const room = store.room()
        if (!room) return undefined
        const waitFrom = performance.now()
        diskWaits++
        return room.then(() => void (diskWaitMs += performance.now() - waitFrom))
      }
    }
  )
  const bodyEnd = performance.now() - started
  await store.finish()
  const timedMs = performance.now() - started
  const cpuUsed = cpuSince(cpu)
  timedPhaseDone()
  const sum = await storeChecksum(store)
  const rows = store.total
  store.dispose()
  session.http.close()
  return {
    rows,
    bytes: page.bytes,
    checksum: sum.digest(),
    timedMs,
    extra: {
      firstByteMs: round(firstByte),
      firstRowMs: round(firstRow),
      firstRowAfterFirstByteMs: round(firstRow - firstByte),
      bodyEndMs: round(bodyEnd),
      firstRowBeforeBodyEnd: firstRow >= 0 && firstRow < bodyEnd,
      scannerRows: page.rows,
      diskWaitMs: Math.round(diskWaitMs),
      diskWaits,
      ...cpuUsed
    }
  }
}

/** Diagnostic: the same RETS stack with rows only hashed, to split the scanner's cost from the store's. */
const oursNoStore: VariantFn = async (raw) => {
  const p = raw as unknown as CompactParams
  const session = ourRetsSession(p.url, p.user, p.password)
  await session.login()
  const sum = new RowChecksum()
  const started = performance.now()
  const page = await searchPage(
    session,
    {
      resource: p.resource,
      class: p.cls,
      query: p.query,
      format: 'COMPACT',
      select: p.select,
      limit: p.limit,
      count: 0
    },
    { columns: () => undefined, row: (values) => sum.add(values) }
  )
  const timedMs = performance.now() - started
  session.http.close()
  return { rows: sum.rows, bytes: page.bytes, checksum: sum.digest(), timedMs }
}

const rawDrain: VariantFn = async (raw) => {
  const p = raw as unknown as CompactParams
  const cpu = process.cpuUsage()
  const r = await drainGet(compactSearchUrl(p), {
    headers: authHeaders(p),
    ...(p.captureFile ? { toFile: p.captureFile } : {})
  })
  const cpuUsed = cpuSince(cpu)
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`)
  return {
    bytes: r.bytes,
    checksum: r.sha256,
    extra: { firstByteMs: round(r.firstByteMs), contentType: r.contentType, ...cpuUsed }
  }
}

/**
 * Diagnostic floor: the drain that also writes every byte to a file in the store's directory, as the store must
 * (its spill file holds ~90 % of the body). Writing 150 MB to the page cache costs about as much CPU as the drain.
 */
const rawDrainToFile: VariantFn = async (raw) => {
  const p = raw as unknown as CompactParams
  const dir = mkdtempSync(path.join(p.storeDir, 'drain-'))
  try {
    return await rawDrain({ ...raw, captureFile: path.join(dir, 'body.xml') })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const retsClientVariant: VariantFn = async (raw) => {
  const p = raw as unknown as CompactParams
  const sum = new RowChecksum()
  await retsClient().getAutoLogoutClient(
    retsClientSettings(p.url, p.user, p.password),
    (client) =>
      new Promise<void>((resolve, reject) => {
        const { retsStream } = client.search.stream.query(p.resource, p.cls, p.query, {
          format: 'COMPACT',
          select: p.select,
          limit: p.limit,
          count: 0
        })
        retsStream.on('data', (e: RetsClientSearchEvent) => {
          if (e.type === 'data') sum.add(Object.values(e.payload as Record<string, string>))
          else if (e.type === 'done') resolve()
          else if (e.type === 'error') reject(e.payload as Error)
        })
        retsStream.on('error', reject)
      })
  )
  return { rows: sum.rows, bytes: 0, checksum: sum.digest() }
}

const fastXmlParser: VariantFn = async (raw) => {
  // loaded here, not at the top, so the 'ours' workers do not carry the baseline's code in their RSS
  const { XMLParser } = await import('fast-xml-parser')
  const p = raw as unknown as CompactParams
  const { body } = await getWhole(compactSearchUrl(p), authHeaders(p))
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    trimValues: false,
    parseTagValue: false,
    isArray: (name) => name === 'DATA'
  })
  const doc = parser.parse(body.toString('utf8')) as { RETS: { DELIMITER?: { '@value'?: string }; DATA?: unknown[] } }
  const delimiter = String.fromCharCode(parseInt(doc.RETS.DELIMITER?.['@value'] ?? '09', 16))
  const sum = new RowChecksum()
  for (const d of doc.RETS.DATA ?? []) {
    let text = typeof d === 'string' ? d : ''
    if (text.startsWith(delimiter)) text = text.slice(1)
    if (text.endsWith(delimiter)) text = text.slice(0, -1)
    sum.add(text.split(delimiter))
  }
  return { rows: sum.rows, bytes: body.length, checksum: sum.digest() }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

export const variants: Record<string, VariantFn> = {
  ours,
  'ours-no-store': oursNoStore,
  'raw-drain': rawDrain,
  'raw-drain-file': rawDrainToFile,
  'rets-client': retsClientVariant,
  'fast-xml-parser': fastXmlParser
}

export type { VariantOutput }

export const preload = { 'rets-client': preloadRetsClient, 'fast-xml-parser': preloadFastXmlParser }
