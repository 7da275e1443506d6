// RESO Web API servers that differ from the well-behaved Demo MLS, played by its quirks through real HTTP: $count
// refused, relative and opaque-$skiptoken next links, a token reply without expires_in, error bodies as plain text
// and HTML pages, and nested $expand options.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { tokenRegistryFor } from '../../../demo-mls/oauth/token-registry'
import { apiSettingsFor } from '../../../demo-mls/web-api/api-settings'
import type { QuirkName } from '../../../demo-mls/quirks/quirk-catalogue'
import { ODataClient } from '../../../src-main/protocols/odata/odata-client'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import type { ApiRequest } from '../../../src-main/protocols/json-api/api-transport'
import { splitList } from '../../../src-main/features/connections/adapters/reso-connection'
import { CollectingResultWriter } from '../../support/collecting-result-writer'
import { MemorySecrets } from '../../support/memory-secrets'

let mls: DemoMls
const sent: string[] = []
const base = httpClientTransport(new HttpClient())
// the app's HTTP stack, with every URL it asks for recorded
const transport = {
  request: (req: ApiRequest) => (sent.push(req.url), base.request(req)),
  stream: (req: ApiRequest) => (sent.push(req.url), base.stream(req))
}

beforeAll(async () => {
  mls = await startDemoMls({ listings: 120 })
  apiSettingsFor(mls.ctx).maxPageSize = 25
})
afterAll(async () => {
  await mls.close()
})
afterEach(() => {
  mls.ctx.setQuirks([])
  sent.length = 0
})

function client(): { client: ODataClient; holder: TokenHolder } {
  const holder = new TokenHolder(
    { flow: 'client_credentials', tokenUrl: `${mls.url}/oauth/token`, clientId: 'workbench' },
    { store: new MemorySecrets({ clientSecret: 'workbench-secret' }), transport }
  )
  const c = new ODataClient({ serviceRoot: `${mls.url}/Reso/OData`, transport, auth: holder })
  return { client: c, holder }
}

const quirks = (...names: QuirkName[]): void => void mls.ctx.setQuirks(names)
const keys = (n: number): string[] => [...mls.ctx.data.listings()].slice(0, n).map((l) => l.ListingKey)

async function allKeys(c: ODataClient): Promise<{ keys: string[]; pages: number; warnings: string[] }> {
  const got: string[] = []
  const s = await c.each({ resource: 'Property', select: ['ListingKey'], orderby: ['ListingKey'] }, (r) =>
    got.push(String(r.ListingKey))
  )
  return { keys: got, pages: s.pages, warnings: s.warnings }
}

describe('RESO Web API quirks', () => {
  it('reso-count-refused: the query is asked again without $count and says the count is unknown', async () => {
    quirks('reso-count-refused')
    const writer = new CollectingResultWriter()
    const summary = await client().client.run(
      { resource: 'Property', select: ['ListingKey'], top: 30, count: true },
      writer
    )
    expect(writer.rows).toHaveLength(30)
    expect(summary.serverCount).toBeUndefined()
    expect(summary.warnings.join('\n')).toMatch(/refused \$count=true .*\$count is not supported.*count is unknown/)
    expect(sent.filter((u) => u.includes('/Property')).map((u) => u.includes('$count=true'))).toEqual([
      true,
      false,
      false
    ])
    // the DD 2.x Lookup resource is paged with $count too: it loads all the same
    const model = await client().client.metadata({ withLookups: true })
    expect(model.warnings.join('\n')).toMatch(/refused \$count=true/)
    expect(model.resources.find((r) => r.name === 'Property')!.lookups.length).toBeGreaterThan(0)
  })

  it('reso-relative-nextlink: a link relative to the service root is followed to the end', async () => {
    quirks('reso-relative-nextlink')
    const { keys: got, pages } = await allKeys(client().client)
    expect(pages).toBe(Math.ceil(120 / 25))
    expect(got).toEqual(keys(120).sort())
    expect(sent.slice(-1)[0]).toMatch(new RegExp(`^${mls.url}/Reso/OData/Property\\?`))
  })

  it('reso-skiptoken-nextlink: an opaque $skiptoken that alone carries the query is followed as sent', async () => {
    quirks('reso-skiptoken-nextlink', 'reso-relative-nextlink')
    const { keys: got, pages } = await allKeys(client().client)
    expect(pages).toBe(5)
    expect(got).toEqual(keys(120).sort())
    expect(sent.slice(-1)[0]).toMatch(/Property\?\$skiptoken=q1\.[\w-]+$/)
  })

  it('reso-token-no-expiry: a token without expires_in (type "bearer") is used until refused, then renewed once', async () => {
    quirks('reso-token-no-expiry')
    const { client: c, holder } = client()
    expect((await allKeys(c)).keys).toHaveLength(120)
    const token = await holder.token()
    expect(token.expiresAt).toBeUndefined()
    expect(token.tokenType).toBe('bearer')
    tokenRegistryFor(mls.ctx).expireAll()
    expect((await allKeys(c)).keys).toHaveLength(120)
    expect((await holder.token()).accessToken).not.toBe(token.accessToken)
  })

  it.each([
    ['JSON', [] as QuirkName[], /^No entity set 'Nowhere'/],
    ['plain text', ['reso-error-plain-text'] as QuirkName[], /^HTTP 404 from .*\/Nowhere: No entity set 'Nowhere'/],
    [
      'HTML',
      ['reso-error-html'] as QuirkName[],
      /^HTTP 404 from .*\/Nowhere: 404 NotFound: NotFound No entity set 'Nowhere'/
    ]
  ])(
    'error body as %s: the message is the server’s text, bounded and without markup',
    async (_kind, names, pattern) => {
      quirks(...names)
      const err = (await client()
        .client.each({ resource: 'Nowhere' }, () => undefined)
        .catch((e: unknown) => e)) as Error & { hint?: string }
      expect(err.message).toMatch(pattern)
      expect(err.message).not.toMatch(/<|var x|font-family/)
      expect(err.message.length).toBeLessThan(400)
      expect(err.hint).toMatch(/service root URL/)
    }
  )

  it('nested $expand=Media($select=…;$orderby=Order desc) keeps Media as one item and one column', async () => {
    const expand = splitList('Media($select=MediaKey,Order;$orderby=Order desc), ')
    expect(expand).toEqual(['Media($select=MediaKey,Order;$orderby=Order desc)'])
    const writer = new CollectingResultWriter()
    const listing = [...mls.ctx.data.listings()].find((l) => l.Media.length >= 3)!
    await client().client.run(
      { resource: 'Property', select: ['ListingKey'], filter: `ListingKey eq '${listing.ListingKey}'`, expand },
      writer
    )
    expect(writer.columns.map((c) => c.name)).toEqual(['ListingKey', 'Media'])
    const media = JSON.parse(writer.column('Media')[0]!) as Array<Record<string, unknown>>
    expect(media.map((m) => Object.keys(m).sort())).toEqual(media.map(() => ['MediaKey', 'Order']))
    expect(media.map((m) => m.Order)).toEqual(listing.Media.map((m) => m.Order).sort((a, b) => b - a))
  })
})
