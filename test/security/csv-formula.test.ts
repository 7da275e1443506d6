// Item 4 (issue 17): a hostile RESO server puts spreadsheet formulas in listing fields; the results CSV must not
// hand them to Excel as formulas. The guard is the app's one CSV writer, shared with the photo manifest.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { ResultStore } from '../../src-main/platform/results/result-store'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|x', '-2+3+cmd|x']
let server: HostileServer | undefined
afterAll(() => server?.close())

describe('CSV formula injection', () => {
  it('results CSV neutralises formulas from server data and can start with a BOM', async () => {
    server = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ value: FORMULAS.map((f, i) => ({ ListingKey: String(i), Remarks: f, Price: '-5' })) }))
    })
    const client = new ODataClient({
      serviceRoot: `${server.origin}/odata/`,
      transport: httpClientTransport(new HttpClient())
    })
    const store = new ResultStore()
    await client.run({ resource: 'Property', select: ['ListingKey', 'Remarks', 'Price'] }, store)
    await store.finish()
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-csv-')), 'out.csv')
    await store.exportCsv(file, { bom: true })
    const text = readFileSync(file, 'utf8')
    expect(text.startsWith('\ufeffListingKey,Remarks,Price\r\n')).toBe(true)
    const cells = text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[1]!.replace(/^"/, ''))
    for (const cell of cells) expect(cell).toMatch(/^'/)
    expect(text).toContain(',-5\r\n')
    store.dispose()
  })
})
