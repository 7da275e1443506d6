import { describe, expect, it } from 'vitest'
import { ODataClient } from '../../../../src-main/protocols/odata/odata-client'
import type { ApiRequest, ApiTransport } from '../../../../src-main/protocols/json-api/api-transport'

/** Serves canned pages by URL, body split into small chunks like a real socket. */
function pages(map: Record<string, unknown>): { transport: ApiTransport; urls: string[] } {
  const urls: string[] = []
  const stream = async (req: ApiRequest) => {
    urls.push(req.url)
    const page = map[req.url]
    const body = Buffer.from(JSON.stringify(page ?? { error: { code: 'NotFound', message: `no page ${req.url}` } }))
    return {
      status: page ? 200 : 404,
      headers: {},
      url: req.url,
      body: (async function* () {
        for (let i = 0; i < body.length; i += 13) yield body.subarray(i, i + 13)
      })()
    }
  }
  return {
    urls,
    transport: {
      stream,
      request: async (req) => {
        const r = await stream(req)
        const parts: Buffer[] = []
        for await (const c of r.body) parts.push(c)
        return { ...r, body: Buffer.concat(parts) }
      }
    }
  }
}

describe('ODataClient paging (canned pages)', () => {
  it('relative next links, short pages, count mismatch warned for the Lookup resource', async () => {
    const { transport, urls } = pages({
      'http://h/odata/Lookup?$count=true': {
        '@odata.count': '5',
        value: [
          { LookupName: 'A', LookupValue: '1' },
          { LookupName: 'A', LookupValue: '2' }
        ],
        '@odata.nextLink': 'Lookup?page=2'
      },
      'http://h/odata/Lookup?page=2': { value: [{ LookupName: 'B', LookupValue: 'x' }] }
    })
    const client = new ODataClient({ serviceRoot: 'http://h/odata', transport })
    const { rows, serverCount, warnings } = await client.lookupRows()
    expect(urls).toEqual(['http://h/odata/Lookup?$count=true', 'http://h/odata/Lookup?page=2'])
    expect(rows).toHaveLength(3)
    expect(serverCount).toBe(5)
    expect(warnings).toEqual(['Lookup resource: @odata.count says 5 rows, 3 were received.'])
  })

  it('an absolute next link is followed byte for byte (not re-encoded)', async () => {
    const odd = "http://h/odata/Property?$skiptoken=a b|c'd"
    const { transport, urls } = pages({
      'http://h/odata/Property': { value: [{ K: 1 }], '@odata.nextLink': odd },
      [odd]: { value: [{ K: 2 }] }
    })
    const rows: unknown[] = []
    await new ODataClient({ serviceRoot: 'http://h/odata', transport }).each(
      { resource: 'Property' },
      (r) => void rows.push(r)
    )
    expect(urls[1]).toBe(odd)
    expect(rows).toHaveLength(2)
  })

  it('a next link seen twice stops the loop with a warning', async () => {
    const { transport } = pages({
      'http://h/odata/Property': { value: [{ K: 1 }], '@odata.nextLink': 'http://h/odata/Property?p=2' },
      'http://h/odata/Property?p=2': { value: [{ K: 2 }], '@odata.nextLink': 'http://h/odata/Property?p=2' }
    })
    const rows: unknown[] = []
    const summary = await new ODataClient({ serviceRoot: 'http://h/odata', transport }).each(
      { resource: 'Property' },
      (r) => void rows.push(r)
    )
    expect(rows).toEqual([{ K: 1 }, { K: 2 }])
    expect(summary.warnings[0]).toMatch(/same next link twice/)
  })

  it('maxRows stops mid-page and reports the limit', async () => {
    const { transport } = pages({
      'http://h/odata/Property': {
        value: [{ K: 1 }, { K: 2 }, { K: 3 }],
        '@odata.nextLink': 'http://h/odata/Property?p=2'
      }
    })
    const rows: unknown[] = []
    const summary = await new ODataClient({ serviceRoot: 'http://h/odata', transport }).each(
      { resource: 'Property' },
      (r) => void rows.push(r),
      { maxRows: 2 }
    )
    expect(rows).toHaveLength(2)
    expect(summary.limitReached).toBe(true)
  })

  it('a $metadata it cannot read names the request', async () => {
    const transport: ApiTransport = {
      request: async () => {
        throw new Error('unused')
      },
      stream: async (req) => ({
        status: 200,
        headers: {},
        url: req.url,
        body: (async function* () {
          yield Buffer.from(
            '<edmx:Edmx><edmx:DataServices><Schema Namespace="X">' + '<EntityType Name="A">'.repeat(2000)
          )
        })()
      })
    }
    const client = new ODataClient({ serviceRoot: 'http://h/odata/', transport })
    const refusal = (await client.metadata().catch((e: unknown) => e)) as Error
    expect(refusal).toMatchObject({ code: 'REPLY_NESTING_TOO_DEEP' })
    expect(refusal.message).toMatch(/levels deep; reading stopped there\. Request: GET http:\/\/h\/odata\/\$metadata$/)
  })
})
