// Item 8 (issue 17): a reply that trickles one byte at a time never ended (only an idle timeout existed), a server
// handing out ever-new next links paged forever, and a search stalled mid-reply must keep the rows already received.
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { ResultStore } from '../../src-main/platform/results/result-store'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const servers: HostileServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function hostile(handler: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const server = await startHostileServer(handler)
  servers.push(server)
  return server
}

describe('slow and endless servers', () => {
  it('a reply trickling a byte at a time ends at the total deadline', { timeout: 15_000 }, async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => res.write('x'), 200)
      res.on('close', () => clearInterval(timer))
    })
    const http = new HttpClient({ timeoutMs: 1000, deadlineMs: 1500 })
    const res = await http.request({ url: `${server.origin}/trickle` })
    await expect(res.buffer()).rejects.toMatchObject({ code: 'HTTP_DEADLINE' })
    http.close()
  })

  it('distinct endless next links stop at the page cap with a warning', { timeout: 15_000 }, async () => {
    const server = await hostile((req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ value: [{ ListingKey: String(n) }], '@odata.nextLink': `Property?page=${n + 1}` }))
    })
    const client = new ODataClient({
      serviceRoot: `${server.origin}/odata/`,
      transport: httpClientTransport(new HttpClient()),
      maxPages: 25
    })
    const summary = await client.each({ resource: 'Property' }, () => undefined)
    expect(summary.pages).toBe(25)
    expect(summary.warnings.join(' ')).toMatch(/stopped after 25 pages/)
  })

  it('a search that stalls mid-reply keeps the rows it already received', { timeout: 15_000 }, async () => {
    const server = await hostile((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"value":[{"ListingKey":"1"},{"ListingKey":"2"},')
      // ...and nothing more
    })
    const client = new ODataClient({
      serviceRoot: `${server.origin}/odata/`,
      transport: httpClientTransport(new HttpClient({ timeoutMs: 1000 }))
    })
    const store = new ResultStore()
    await expect(client.run({ resource: 'Property', select: ['ListingKey'] }, store)).rejects.toMatchObject({
      code: 'HTTP_TIMEOUT'
    })
    await store.finish()
    expect(store.total).toBe(2)
    store.dispose()
  })
})
