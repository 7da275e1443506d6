// The RETS client against the Demo MLS over real HTTP: auth variants, metadata in both formats, searches in all
// formats with paging across the server cap, automatic re-login when the session expires mid-paging, and photo
// downloads (multipart and Location=1) whose bytes equal what the server serves.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { DemoMlsOptions } from '../../../demo-mls/demo-context'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { RetsSession, type RetsProfile } from '../../../src-main/protocols/rets/rets-session'
import { RetsMetadataLoader } from '../../../src-main/protocols/rets/metadata/metadata-loader'
import { fetchAll } from '../../../src-main/protocols/rets/search/search-runner'
import type { SearchFormat } from '../../../src-main/protocols/rets/search/search-request'
import { collectObjects, getObjects } from '../../../src-main/protocols/rets/objects/get-object'
import { ResultStore } from '../../../src-main/platform/results/result-store'

const demoUser = { username: 'demo', password: 'demo-pass', userAgent: 'MLSWorkbench/1.0', uaPassword: 'demo-ua-pass' }
const running: DemoMls[] = []
const stores: ResultStore[] = []

async function demo(options: Partial<DemoMlsOptions> = {}): Promise<DemoMls> {
  const d = await startDemoMls({ listings: 450, ...options })
  running.push(d)
  return d
}

function session(d: DemoMls, extra: Partial<RetsProfile> = {}, http = new HttpClient()): RetsSession {
  return new RetsSession({ loginUrl: `${d.url}/rets/Login`, retsVersion: '1.7.2', ...demoUser, ...extra }, http)
}

function store(): ResultStore {
  const s = new ResultStore()
  stores.push(s)
  return s
}

afterEach(() => {
  for (const s of stores.splice(0)) s.dispose()
})
afterAll(async () => {
  for (const d of running.splice(0)) await d.close()
})

describe('login', () => {
  it('digest + UA-auth (required by the server), Action URL, server version, logout', async () => {
    const d = await demo({ requireUaAuth: true })
    const log = new WireLog()
    const s = session(d, {}, new HttpClient({ wireLog: log }))
    const login = await s.login()
    expect(login.serverVersion).toBe('RETS/1.7.2')
    expect(login.actionText).toMatch(/Action page/)
    expect(login.sessionId).toBeTruthy()
    expect(Object.keys(login.capabilities).sort()).toEqual([
      'Action',
      'GetMetadata',
      'GetObject',
      'Login',
      'Logout',
      'Search'
    ])
    // after login every request carries the UA digest computed with the session id; a search must pass
    const res = await s.transaction('Search', {
      SearchType: 'Property',
      Class: 'A',
      Query: '(LIST_22=0+)',
      Format: 'COMPACT',
      Limit: '1',
      Select: 'LIST_1'
    })
    expect(await res.text()).toMatch(/ReplyCode="0"/)
    expect(JSON.stringify(log.list())).not.toContain('demo-pass')
    const out = await s.logout()
    expect(out.reply?.replyCode).toBe(0)
  })

  it('a wrong UA password is refused', async () => {
    const d = await demo({ requireUaAuth: true })
    await expect(session(d, { uaPassword: 'nope-nope' }).login()).rejects.toMatchObject({
      code: expect.stringMatching(/^RETS_/)
    })
  })

  it('basic authentication', async () => {
    const d = await demo({ auth: 'basic' })
    // plain http: 'auto' answers Basic only when the profile allows it (issue 17)
    const login = await session(d, { allowBasicOverHttp: true }).login()
    expect(login.capabilities.Search).toBe(`${d.url}/rets/Search`)
  })

  it('wrong password fails with RETS_AUTH_FAILED', async () => {
    const d = await demo()
    await expect(session(d, { password: 'bad-password' }).login()).rejects.toMatchObject({ code: 'RETS_AUTH_FAILED' })
  })

  it.each(['1.5', '1.8'] as const)('RETS %s server: version read from the reply', async (version) => {
    const d = await demo({ retsVersion: version })
    const login = await session(d, { retsVersion: version }).login()
    expect(login.serverVersion).toBe(`RETS/${version}`)
  })

  it('POST transport', async () => {
    const d = await demo()
    const s = session(d, { method: 'POST' })
    await s.login()
    const out = store()
    const summary = await fetchAll(
      s,
      { resource: 'Property', class: 'A', query: '(LIST_22=0+)', format: 'COMPACT', select: 'LIST_1', limit: 5 },
      out
    )
    expect(summary.rows).toBe(5)
  })
})

describe('metadata', () => {
  let d: DemoMls
  beforeAll(async () => {
    d = await demo()
  })

  it('STANDARD-XML and COMPACT give the same model', async () => {
    const s = session(d)
    const xml = new RetsMetadataLoader(s, { format: 'STANDARD-XML' })
    const compact = new RetsMetadataLoader(s, { format: 'COMPACT' })
    const a = await xml.loadRoot()
    const b = await compact.loadRoot()
    expect(a.system.id).toBe('DEMOMLS')
    expect(b.system.id).toBe(a.system.id)
    const shape = (m: typeof a) =>
      m.resources.map((r) => [
        r.name,
        r.keyField,
        r.classes.map((c) => c.name),
        r.objectTypes.map((o) => o.type),
        r.lookups.map((l) => l.name)
      ])
    expect(shape(b)).toEqual(shape(a))
    // METADATA-FOREIGNKEYS: the listing's media by its key, in both formats
    expect(b.foreignKeys).toEqual(a.foreignKeys)
    expect(a.foreignKeys).toContainEqual(
      expect.objectContaining({
        parent: { resource: 'Property', class: 'A', systemName: 'LIST_1' },
        child: { resource: 'Media', class: 'Media', systemName: 'MEDIA_1' },
        oneToMany: true
      })
    )
    const property = a.resources.find((r) => r.name === 'Property')!
    expect(property.keyField).toBe('LIST_1')
    expect(property.classes.map((c) => c.name)).toEqual(['A', 'B', 'C'])
    const fa = await xml.loadTable('Property', 'A')
    const fb = await compact.loadTable('Property', 'A')
    expect(fa.length).toBeGreaterThan(20)
    expect(fb.map((f) => [f.systemName, f.standardName, f.dataType, f.maxLength, f.lookupName])).toEqual(
      fa.map((f) => [f.systemName, f.standardName, f.dataType, f.maxLength, f.lookupName])
    )
    expect(fa.find((f) => f.systemName === 'LIST_1')!.isKey).toBe(true)
    const status = fa.find((f) => f.systemName === 'LIST_15')!
    const va = await xml.loadLookup('Property', status.lookupName!)
    const vb = await compact.loadLookup('Property', status.lookupName!)
    expect(va.map((v) => v.longValue)).toContain('Active')
    expect(vb.map((v) => [v.value, v.longValue])).toEqual(va.map((v) => [v.value, v.longValue]))
  })
})

describe('search', () => {
  let d: DemoMls
  beforeAll(async () => {
    d = await demo({ maxRows: 100 })
  })

  const query = {
    resource: 'Property',
    class: 'A',
    query: '(LIST_22=0+)',
    select: ['LIST_1', 'LIST_15', 'LIST_22'],
    limit: 'NONE' as const
  }

  it.each(['COMPACT', 'COMPACT-DECODED', 'STANDARD-XML'] as SearchFormat[])(
    '%s: pages across the 100-row cap to COUNT',
    async (format) => {
      const s = session(d)
      const out = store()
      const progress: number[] = []
      const summary = await fetchAll(s, { ...query, format }, out, { onProgress: (p) => progress.push(p.rows) })
      expect(summary.serverCount).toBeGreaterThan(150)
      expect(summary.rows).toBe(summary.serverCount)
      expect(summary.pages).toBe(Math.ceil(summary.serverCount! / 100))
      expect(summary.offsetIgnored).toBe(false)
      expect(progress.at(-1)).toBe(summary.rows)
      const keys = (await out.page(0, summary.rows)).rows.map((r) => r[0])
      expect(new Set(keys).size).toBe(summary.rows)
      expect(out.columns).toHaveLength(3)
    }
  )

  it('Count=2 returns only the count', async () => {
    const out = store()
    const summary = await fetchAll(session(d), { ...query, format: 'COMPACT', count: 2 }, out)
    expect(summary.rows).toBe(0)
    expect(summary.pages).toBe(1)
    expect(summary.serverCount).toBeGreaterThan(150)
    expect(out.info.serverCount).toBe(summary.serverCount)
  })

  it('StandardNames=1 returns standard column names', async () => {
    const out = store()
    await fetchAll(
      session(d),
      {
        resource: 'Property',
        class: 'ResidentialProperty',
        query: '(ListPrice=0+)',
        select: ['ListingKey', 'ListPrice'],
        standardNames: true,
        format: 'COMPACT',
        limit: 2
      },
      out
    )
    expect(out.columns.map((c) => c.name)).toEqual(['ListingKey', 'ListPrice'])
    expect(out.total).toBe(2)
  })

  it('COMPACT carries codes, COMPACT-DECODED the long values', async () => {
    const s = session(d)
    const codes = store()
    const decoded = store()
    await fetchAll(s, { ...query, format: 'COMPACT', limit: 3 }, codes)
    await fetchAll(s, { ...query, format: 'COMPACT-DECODED', limit: 3 }, decoded)
    const a = (await codes.page(0, 3)).rows
    const b = (await decoded.page(0, 3)).rows
    expect(a.map((r) => r[0])).toEqual(b.map((r) => r[0]))
    expect(b.map((r) => r[1]).every((v) => /^[A-Z][a-z]/.test(v!))).toBe(true)
    expect(a.map((r) => r[1])).not.toEqual(b.map((r) => r[1]))
  })

  // Ageing the sessions also makes the Demo MLS forget its digest nonces, as real servers do, so even a client that
  // signs every request (as curl-based PHRETS/libRETS do) is sent back to Login.
  function expireEverything(dd: DemoMls): void {
    dd.ctx.sessions.age(3600)
  }

  it('session expired mid-paging (20037): re-login once and finish with the same rows', async () => {
    const dd = await demo({ maxRows: 100, sessionTimeoutSeconds: 60, sessionExpiredReply: '20037' })
    const reference = store()
    const expected = await fetchAll(session(dd), { ...query, format: 'COMPACT' }, reference)
    const log = new WireLog()
    const s = session(dd, {}, new HttpClient({ wireLog: log }))
    const out = store()
    const summary = await fetchAll(s, { ...query, format: 'COMPACT' }, out, {
      onProgress: (p) => p.pages === 1 && expireEverything(dd)
    })
    expect(s.relogins).toBe(1)
    expect(log.list().filter((e) => e.url.includes('/rets/Login')).length).toBeGreaterThanOrEqual(2)
    expect(summary.rows).toBe(expected.rows)
    expect(summary.pages).toBe(expected.pages)
    expect((await out.page(0, summary.rows)).rows.map((r) => r[0])).toEqual(
      (await reference.page(0, expected.rows)).rows.map((r) => r[0])
    )
  })

  it('session expired mid-paging (401 + new challenge): answered and finished with the same rows', async () => {
    const dd = await demo({ maxRows: 100, sessionTimeoutSeconds: 60, sessionExpiredReply: '401' })
    const reference = store()
    const expected = await fetchAll(session(dd), { ...query, format: 'COMPACT' }, reference)
    const log = new WireLog()
    const s = session(dd, {}, new HttpClient({ wireLog: log }))
    const out = store()
    const summary = await fetchAll(s, { ...query, format: 'COMPACT' }, out, {
      onProgress: (p) => p.pages === 1 && expireEverything(dd)
    })
    expect(log.list().some((e) => e.status === 401 && e.url.includes('/rets/Search'))).toBe(true)
    expect(summary.rows).toBe(expected.rows)
    expect((await out.page(0, summary.rows)).rows.map((r) => r[0])).toEqual(
      (await reference.page(0, expected.rows)).rows.map((r) => r[0])
    )
  })
})

describe('GetObject', () => {
  let d: DemoMls
  beforeAll(async () => {
    d = await demo()
  })

  it('multipart and Location=1 photos equal the server media bytes', async () => {
    const s = session(d)
    const out = store()
    await fetchAll(
      s,
      {
        resource: 'Property',
        class: 'A',
        query: '(LIST_133=2+)',
        format: 'COMPACT',
        select: ['LIST_1', 'LIST_133'],
        limit: 1
      },
      out
    )
    const [key, count] = (await out.page(0, 1)).rows[0]!
    const photos = Number(count)
    expect(photos).toBeGreaterThanOrEqual(2)

    const multi = collectObjects()
    const s1 = await getObjects(
      s,
      { resource: 'Property', type: 'Photo', ids: [{ key: key!, objects: ['*'] }] },
      multi.sink
    )
    expect(s1).toMatchObject({ multipart: true, parts: photos, errors: 0, missing: 0 })

    const located = collectObjects()
    const s2 = await getObjects(
      s,
      { resource: 'Property', type: 'Photo', ids: `${key}:*`, location: true, locationConcurrency: 3 },
      located.sink
    )
    expect(s2.locationsFetched).toBe(photos)

    const http = new HttpClient()
    for (const part of multi.parts) {
      expect(part.contentType).toBe('image/jpeg')
      expect(part.data.subarray(0, 2).toString('hex')).toBe('ffd8')
      const twin = located.parts.find((p) => p.objectId === part.objectId)!
      expect(twin.data.equals(part.data)).toBe(true)
      const direct = await (await http.request({ url: twin.location! })).buffer()
      expect(direct.equals(part.data)).toBe(true)
    }

    const single = collectObjects()
    const s3 = await getObjects(s, { resource: 'Property', type: 'Photo', ids: `${key}:1` }, single.sink)
    expect(s3.parts).toBe(1)
    expect(single.parts[0]!.data.equals(multi.parts.find((p) => p.objectId === '1')!.data)).toBe(true)

    const missing = collectObjects()
    const s4 = await getObjects(s, { resource: 'Property', type: 'Photo', ids: `${key}:999` }, missing.sink)
    expect(s4.missing).toBe(1)
  })
})
