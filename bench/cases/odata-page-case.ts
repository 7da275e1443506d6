// Case "odata": one big OData page over HTTP. Ours = HttpClient → splitODataPageBatches (one JSON.parse per body chunk) →
// ResultStore; baseline = the whole body as one string and one JSON.parse. Both turn records into grid cells with
// the app's cellText so their row checksums compare.
import { ResultStore } from '../../src-main/platform/results/result-store'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { splitODataPageBatches } from '../../src-main/protocols/odata/json-array-splitter'
import { cellText } from '../../src-main/protocols/json-api/cell-text'
import { getWhole } from '../harness/http-drain'
import type { VariantFn } from '../harness/protocol'
import { RowChecksum } from '../harness/row-checksum'
import { timedPhaseDone } from '../harness/timed-phase'
import { storeChecksum } from './compact-search'

export interface ODataParams {
  url: string
  storeDir: string
}

const ours: VariantFn = async (raw) => {
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
  await store.finish()
  const timedMs = performance.now() - started
  timedPhaseDone()
  const sum = await storeChecksum(store)
  const rows = store.total
  store.dispose()
  http.close()
  return {
    rows,
    bytes,
    checksum: sum.digest(),
    timedMs,
    extra: { odataCount: Number(members['@odata.count']), nextLink: typeof members['@odata.nextLink'] === 'string' }
  }
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

export const variants: Record<string, VariantFn> = { ours, 'json-parse': jsonParse }
