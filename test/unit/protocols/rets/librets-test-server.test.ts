// Replays libRETS' test-network server: files.properties maps request URIs to response files; we serve them and
// run the real client against it. The README's Kinnexus log is checked on its own.
import path from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { libretsNet, readDump } from '../../../support/http-dump'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { CookieJar } from '../../../../src-main/platform/http/cookie-jar'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { RetsMetadataLoader } from '../../../../src-main/protocols/rets/metadata/metadata-loader'
import { searchPage } from '../../../../src-main/protocols/rets/search/search-runner'
import { collectObjects, getObjects } from '../../../../src-main/protocols/rets/objects/get-object'
import { readMetadataBuffer } from '../../../../src-main/protocols/rets/metadata/metadata-reader'
import { emptyRetsModel } from '../../../../src-main/protocols/rets/metadata/metadata-model-builder'

/** files.properties → key "path?sorted params" → response file (escapes `\` removed, order-insensitive). */
function readMapping(): Map<string, string> {
  const map = new Map<string, string>()
  for (const line of readFileSync(path.join(libretsNet, 'files.properties'), 'utf8').split(/\r?\n/)) {
    const m = /^(\/\S+?)\s+=\s+(\S+)$/.exec(line.trim())
    if (!m) continue
    map.set(requestKey(m[1]!.replace(/\\(.)/g, '$1')), m[2]!)
  }
  return map
}

function requestKey(uri: string): string {
  const [p, q = ''] = uri.split('?')
  const params = q
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const [k, v = ''] = kv.split('=')
      return `${k!.toLowerCase()}=${decodeURIComponent(v.replace(/\+/g, ' ')).toLowerCase()}`
    })
    .sort()
  return `${p!.toLowerCase()}?${params.join('&')}`
}

let server: ReplayServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('libRETS test-network server replay', () => {
  it('maps 39 requests; the client gets login, metadata, search and photos from it', async () => {
    const mapping = readMapping()
    expect(mapping.size).toBe(39)
    const served: string[] = []
    server = await startReplayServer((req) => {
      const file = mapping.get(requestKey(req.url))
      if (!file || !existsSync(path.join(libretsNet, file)))
        return { status: 404, headers: {}, body: Buffer.from('no such capture') }
      served.push(file)
      return readDump(path.join(libretsNet, file))
    })
    const session = new RetsSession(
      {
        loginUrl: `${server.url}/rets/login`,
        username: 'Joe',
        password: 'Schmoe',
        userAgent: 'libRETS/1.0',
        retsVersion: '1.5'
      },
      new HttpClient()
    )
    const login = await session.login()
    expect(login.capabilities.GetMetadata).toBe(`${server.url}/rets/getMetadata`)

    const loader = new RetsMetadataLoader(session, { format: 'COMPACT' })
    const model = emptyRetsModel()
    await loader.fetchInto(model, 'TABLE', 'Property:CommercialProperty', {})
    await loader.fetchInto(model, 'LOOKUP_TYPE', 'Property:EFT', {})
    expect(model.resources[0]!.classes[0]!.fields).toHaveLength(32)
    expect(model.resources[0]!.lookups[0]!.values).toHaveLength(60)

    const rows: string[][] = []
    const page = await searchPage(
      session,
      {
        resource: 'Property',
        class: 'RES',
        query: '(ListPrice=300000-)',
        format: 'COMPACT-DECODED',
        select: 'ListingID,ListPrice,Beds,City',
        count: 1,
        restrictedIndicator: 'xxxx',
        standardNames: true
      },
      { columns: () => undefined, row: (r) => rows.push(r) }
    )
    expect(page).toMatchObject({ rows: 160, count: 160, replyCode: 0 })
    expect(rows[0]).toEqual(['LN000000', '250000', '3', 'Chicago'])

    const photos = collectObjects()
    const summary = await getObjects(session, { resource: 'Property', type: 'Photo', ids: 'LN000001:*' }, photos.sink)
    expect(summary).toMatchObject({ parts: 7, multipart: true })
    expect(photos.parts[0]!.size).toBe(39833)

    const located = collectObjects()
    const s2 = await getObjects(
      session,
      { resource: 'Property', type: 'Photo', ids: 'LN000001:*', location: true, fetchLocations: false },
      located.sink
    )
    expect(s2.parts).toBe(13)
    expect(served).toEqual(['login', 'metadata-table.4', 'metadata-lookup-type.4', 'search.1', 'photo.1', 'photo.2'])
  })

  it('README Kinnexus log: KxSessionId cookie with Max-Age, tab-expanded COMPACT still read', async () => {
    const readme = readFileSync(path.join(libretsNet, 'README'), 'utf8')
    const jar = new CookieJar(() => 0)
    jar.setCookie('http://mls.omrebmls.com:6203/getmetadata.xml', /Set-Cookie: (.*)/.exec(readme)![1]!)
    expect(jar.all()[0]).toMatchObject({
      name: 'KxSessionId',
      value: '0x9E44F58AC0B73C48B05D78BC1A4CCE3C',
      path: '/',
      expires: 1_800_000
    })
    const reply = /<RETS ReplyCode[\s\S]*?<\/RETS>/.exec(readme)![0]
    const read = await readMetadataBuffer(Buffer.from(reply), 'text/xml', 'COMPACT')
    expect(read).toMatchObject({ replyCode: 0, replyText: 'SUCCESSFUL' })
    expect(read.blocks[0]).toMatchObject({ type: 'RESOURCE', attrs: { Version: '0.0.367' } })
    // the log's tabs were expanded to spaces, so each row is a single value — read, not crashed
    expect(read.blocks[0]!.records).toHaveLength(3)
    expect(Object.values(read.blocks[0]!.records[0]!)[0]).toMatch(/^Property\s+Property/)
  })
})
