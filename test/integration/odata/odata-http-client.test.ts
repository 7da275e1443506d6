// The same OData client over the shared HttpClient (services/http), and the $metadata as a third-party XML tool sees it.
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { ODataClient } from '../../../src-main/protocols/odata/odata-client'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import { MemorySecrets } from '../../support/memory-secrets'

let mls: DemoMls
let http: HttpClient
beforeAll(async () => {
  mls = await startDemoMls({ listings: 80 })
  http = new HttpClient({ userAgent: 'MLSWorkbench-test/1.0' })
})
afterAll(async () => {
  http.close()
  await mls.close()
})

describe('OData over the shared HttpClient', () => {
  it('token, $metadata (well-formed per fast-xml-parser) and a paged query all go through HttpClient', async () => {
    const transport = httpClientTransport(http)
    const holder = new TokenHolder(
      { flow: 'password', tokenUrl: `${mls.url}/oauth/token`, clientId: 'workbench', username: 'demo' },
      { store: new MemorySecrets({ clientSecret: 'workbench-secret', password: 'demo-pass' }), transport }
    )
    const headers = await holder.authHeaders()
    const raw = await transport.request({
      method: 'GET',
      url: `${mls.url}/Reso/OData/$metadata`,
      headers: { ...headers, accept: 'application/xml' }
    })
    expect(raw.status).toBe(200)
    expect(raw.headers['content-type']).toMatch(/^application\/xml/)
    const xml = raw.body.toString('utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml.includes('\n')).toBe(false)

    const client = new ODataClient({ serviceRoot: `${mls.url}/Reso/OData/`, transport, auth: holder, maxPageSize: 25 })
    const model = await client.metadata()
    expect(model.resources.find((r) => r.name === 'Property')!.classes[0]!.fields).toHaveLength(
      mls.ctx.data.fields('Property').length
    )
    const keys: string[] = []
    const summary = await client.each(
      { resource: 'Property', select: ['ListingKey'], orderby: ['ListingKey desc'] },
      (r) => void keys.push(String(r.ListingKey))
    )
    expect(summary.pages).toBe(4)
    expect(keys).toEqual(
      [...mls.ctx.data.listings()]
        .map((l) => l.ListingKey)
        .sort()
        .reverse()
    )
  })
})
