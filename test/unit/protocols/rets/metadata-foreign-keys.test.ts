// Most RETS servers do not serve METADATA-FOREIGNKEYS: the tree must load without them, quietly for the
// documented "unsupported" reply and with a warning for anything else.
import { afterEach, describe, expect, it } from 'vitest'
import { RetsMetadataLoader } from '../../../../src-main/protocols/rets/metadata/metadata-loader'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { startFakeRets, type FakeRets } from '../../../support/fake-rets-server'

let server: FakeRets | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function loadFrom(foreignKeys: 'unsupported' | 'broken') {
  server = await startFakeRets({ foreignKeys })
  const session = new RetsSession(
    {
      loginUrl: server.loginUrl,
      username: 'agent',
      password: 'pa55word!',
      userAgent: 'MLSWorkbench/0.1',
      retsVersion: '1.7.2'
    },
    new HttpClient()
  )
  const model = await new RetsMetadataLoader(session, { format: 'COMPACT' }).loadRoot()
  const asked = server.requests.filter((r) => r.url.startsWith('/rets/metadata')).length
  return { model, asked }
}

describe('METADATA-FOREIGNKEYS is optional', () => {
  it('20501 Invalid Type: the tree loads, no relations, no warning', async () => {
    const { model, asked } = await loadFrom('unsupported')
    expect(model.system.id).toBe('FAKE')
    expect(model.resources.map((r) => r.name)).toEqual(['Property'])
    expect(model.foreignKeys).toBeUndefined()
    expect(model.warnings).toEqual([])
    expect(asked).toBe(6) // SYSTEM, RESOURCE, CLASS, OBJECT, LOOKUP, FOREIGNKEYS
  })

  it('an HTML error page: the tree loads and the degraded part says what failed', async () => {
    const { model } = await loadFrom('broken')
    expect(model.resources.map((r) => r.name)).toEqual(['Property'])
    expect(model.degraded).toHaveLength(1)
    expect(model.degraded![0]!.message).toMatch(/^Foreign keys: server refused METADATA-FOREIGNKEYS \(/)
    expect(model.degraded![0]!.detail).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/rets\/metadata\?Type=METADATA-FOREIGNKEYS/
    )
  })
})
