// Case "odata": one big OData page over HTTP. Ours = ODataClient.run → byte lane (record-line.ts: records split and
// written as store lines without JSON.parse; others parsed) → ResultStore; "ours-parsed" = the earlier lane
// (splitODataPageBatches, one JSON.parse per body chunk, cellText per cell); baseline = the whole body as one string
// and one JSON.parse. All give grid cells as cellText does, so their row checksums compare.
import { ResultStore } from '../../src-main/platform/results/result-store'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { splitODataPageBatches } from '../../src-main/protocols/odata/json-array-splitter'
import { cellText } from '../../src-main/protocols/json-api/cell-text'
import { getWhole } from '../harness/http-drain'
import type { VariantFn, VariantOutput } from '../harness/protocol'
import { RowChecksum } from '../harness/row-checksum'
import { timedPhaseDone } from '../harness/timed-phase'
import { storeChecksum } from './compact-search'

export interface ODataParams {
  url: string
  storeDir: string
  /** the page's record count: the client stops there instead of following the page's (unserved) nextLink */
  records: number
}

/** Stops the clock once the store holds every row, then checks the rows (untimed) and cleans up. */
async function finishPage(
  store: ResultStore,
  http: HttpClient,
  started: number,
  bytes: number,
  extra: { odataCount: number; nextLink: boolean }
): Promise<VariantOutput> {
  await store.finish()
  const timedMs = performance.now() - started
  timedPhaseDone()
  const sum = await storeChecksum(store)
  const rows = store.total
  store.dispose()
  http.close()
  return { rows, bytes, checksum: sum.digest(), timedMs, extra }
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as ODataParams
  const http = new HttpClient({ timeoutMs: 120_000 })
  const store = new ResultStore({ dir: p.storeDir })
  let bytes = 0
  const transport = httpClientTransport(http)
  const counting: typeof transport = {
    ...transport,
    stream: async (req) => {
      const res = await transport.stream(req)
      const body = res.body
      const counted = async function* (): AsyncGenerator<Buffer> {
        for await (const chunk of body) {
          bytes += chunk.length
          yield chunk
        }
      }
      return { ...res, body: counted() }
    }
  }
  const started = performance.now()
  const client = new ODataClient({ serviceRoot: `${p.url}/odata`, transport: counting })
  const summary = await client.run({ resource: 'Property' }, store, { maxRows: p.records })
  return finishPage(store, http, started, bytes, {
    odataCount: Number(summary.serverCount),
    nextLink: summary.nextLink !== undefined
  })
}

const oursParsed: VariantFn = async (raw) => {
  const p = raw as unknown as ODataParams
  const http = new HttpClient({ timeoutMs: 120_000 })
  const store = new ResultStore({ dir: p.storeDir })
  const started = performance.now()
  const res = await http.request({ url: `${p.url}/odata/Property`, headers: { Accept: 'application/json' } })
  let bytes = 0
  const counted = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length
      yield chunk
    }
  }
  // batches (the records completed in one body chunk), as ODataClient.each reads them
  const pages = splitODataPageBatches(counted())
  let columns: string[] | undefined
  let members: Record<string, unknown> = {}
  for (;;) {
    const next = await pages.next()
    if (next.done) {
      members = next.value
      break
    }
    for (const rec of next.value) {
      if (!columns) {
        columns = Object.keys(rec)
        store.setColumns(columns.map((name) => ({ name })))
      }
      const cells: string[] = new Array<string>(columns.length)
      for (let i = 0; i < columns.length; i++) cells[i] = cellText(rec[columns[i]!])
      store.append(cells)
    }
  }
  return finishPage(store, http, started, bytes, {
    odataCount: Number(members['@odata.count']),
    nextLink: typeof members['@odata.nextLink'] === 'string'
  })
}

const jsonParse: VariantFn = async (raw) => {
  const p = raw as unknown as ODataParams
  const { body } = await getWhole(`${p.url}/odata/Property`, { Accept: 'application/json' })
  const page = JSON.parse(body.toString('utf8')) as { value: Array<Record<string, unknown>>; '@odata.count'?: number }
  const sum = new RowChecksum()
  const columns = Object.keys(page.value[0] ?? {})
  for (const rec of page.value) sum.add(columns.map((c) => cellText(rec[c])))
  return {
    rows: sum.rows,
    bytes: body.length,
    checksum: sum.digest(),
    extra: { odataCount: Number(page['@odata.count']) }
  }
}

export const variants: Record<string, VariantFn> = { ours, 'ours-parsed': oursParsed, 'json-parse': jsonParse }
