import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { flexmls, readDump } from '../../../support/http-dump'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { RetsMetadataLoader } from '../../../../src-main/protocols/rets/metadata/metadata-loader'

const meta = (f: string) => readDump(path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_GetMetadata', f))
const login = readDump(path.join(flexmls, 'get/retsgw.flexmls.com/rets2_1_Login/aaae3d614d1660701f3d7508efb11004.txt'))
const byType: Record<string, ReturnType<typeof readDump>> = {
  'METADATA-SYSTEM': meta('3f61a38b92bfdb51eaf133bf516b2483.txt'),
  'METADATA-RESOURCE': meta('b3a4345b713492d24315d1f92665d7a6.txt'),
  'METADATA-CLASS': meta('9ed93625ec4cad577e42158701ae7b44.txt'),
  'METADATA-OBJECT': meta('9d194ccfcc9edb5a93dea267d1f9c91d.txt'),
  'METADATA-LOOKUP': meta('0c110d39a7815a91b58a68006aa42dbf.txt'),
  'METADATA-TABLE': meta('bbe857812f04d9e40c3508c212ab0ebe.txt'),
  'METADATA-LOOKUP_TYPE': meta('785c884c29c4c4d17deb0fcd89cd5282.txt'),
  // not captured: flexmls answers types it lacks with 20501, as most servers do
  'METADATA-FOREIGNKEYS': {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: Buffer.from('<RETS ReplyCode="20501" ReplyText="Invalid Metadata Type"/>')
  }
}

let server: ReplayServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup() {
  server = await startReplayServer((req) => {
    const url = new URL(req.url, 'http://x')
    if (url.pathname.endsWith('/Login')) return login
    return byType[url.searchParams.get('Type') ?? '']
  })
  return new RetsSession(
    {
      loginUrl: `${server.url}/rets2_1/Login`,
      username: 'u',
      password: 'p4ssw0rd',
      userAgent: 'T/1',
      retsVersion: '1.7.2'
    },
    new HttpClient()
  )
}

describe('RetsMetadataLoader (replaying flexmls captures)', () => {
  it('loads the tree first, TABLE and LOOKUP_TYPE only when asked, and reuses a snapshot of the same MetadataVersion', async () => {
    const asked: string[] = []
    const loader = new RetsMetadataLoader(await setup(), {
      snapshot: async (version) => void asked.push(version)
    })
    const model = await loader.loadRoot()
    const requested = () =>
      server!.requests.map((r) => new URL(r.url, 'http://x').searchParams).filter((p) => p.get('Type'))
    expect(requested().map((p) => `${p.get('Type')} ${p.get('ID')} ${p.get('Format')}`)).toEqual([
      'METADATA-SYSTEM 0 STANDARD-XML',
      'METADATA-RESOURCE 0 STANDARD-XML',
      'METADATA-CLASS 0 STANDARD-XML',
      'METADATA-OBJECT 0 STANDARD-XML',
      'METADATA-LOOKUP 0 STANDARD-XML',
      'METADATA-FOREIGNKEYS 0 STANDARD-XML'
    ])
    expect(model.foreignKeys).toBeUndefined()
    expect(model.warnings).toEqual([])
    expect(model.system.id).toBe('demomls')
    expect(model.resources).toHaveLength(9)
    expect(model.resources.find((r) => r.name === 'Property')!.classes.every((c) => c.fields === undefined)).toBe(true)

    const fields = await loader.loadTable('Property', 'A')
    expect(fields).toHaveLength(313)
    expect(requested().at(-1)!.get('ID')).toBe('Property:A')
    await loader.loadTable('Property', 'A')
    expect(requested()).toHaveLength(7)

    const values = await loader.loadLookup('Property', '20000426151013376279000000')
    expect(values.map((v) => v.value)).toContain('5PSUX49PM1Q')
    expect(requested().at(-1)!.get('ID')).toBe('Property:20000426151013376279000000')

    expect(loader.versionKey).toBe('01.03.32190@2014-09-09T02:44:18Z')
    expect(asked).toEqual(['01.03.32190@2014-09-09T02:44:18Z'])

    // a second loader given a snapshot of that version needs no GetMetadata for the tree nor the loaded table
    const before = requested().length
    const again = new RetsMetadataLoader(loader['session'], {
      snapshot: async (version) => (version === loader.versionKey ? structuredClone(model) : undefined)
    })
    const cached = await again.loadRoot()
    expect(cached.resources).toHaveLength(9)
    expect((await again.loadTable('Property', 'A')).length).toBe(313)
    expect(requested().length).toBe(before)
  })

  it('COMPACT format is requested when configured', async () => {
    const session = await setup()
    const loader = new RetsMetadataLoader(session, { format: 'COMPACT' })
    await expect(
      loader.fetchInto(
        { source: 'rets', system: { id: '', attrs: {} }, resources: [], warnings: [] },
        'LOOKUP',
        '0',
        {}
      )
    ).resolves.toBeUndefined()
    expect(new URL(server!.requests.at(-1)!.url, 'http://x').searchParams.get('Format')).toBe('COMPACT')
  })
})
