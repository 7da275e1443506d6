// Item 1 (issue 17): a hostile OData server points @odata.nextLink at another origin. The bearer token must never
// reach it; paging stops with a warning that names the host.
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import type { RequestAuthorizer } from '../../src-main/protocols/json-api/authorized-exchange'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const bearer: RequestAuthorizer = { send: (attempt) => attempt({ authorization: 'Bearer sekrit-token' }) }
const servers: HostileServer[] = []
const http = new HttpClient()
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

function page(res: import('node:http').ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

describe('OData nextLink to another origin', () => {
  it('sends no token there and stops paging with a warning naming the host', async () => {
    const thief = await startHostileServer((_req, res) => page(res, { value: [{ ListingKey: 'stolen' }] }))
    const service = await startHostileServer((_req, res) =>
      page(res, { value: [{ ListingKey: 'a' }], '@odata.nextLink': `${thief.origin}/collect?page=2` })
    )
    servers.push(thief, service)
    const client = new ODataClient({
      serviceRoot: `${service.origin}/odata/`,
      transport: httpClientTransport(http),
      auth: bearer
    })
    const keys: unknown[] = []
    const summary = await client.each({ resource: 'Property' }, (r) => void keys.push(r.ListingKey))
    expect(service.seen[0]?.headers.authorization).toBe('Bearer sekrit-token')
    expect(thief.seen.map((r) => r.headers.authorization).filter(Boolean)).toEqual([])
    expect(keys).toEqual(['a'])
    expect(summary.warnings.join(' ')).toContain(`127.0.0.1:${thief.port}`)
  })
})
