// Every setting of a profile form reaches the wire: the profiles are built by the real schema, the connections by
// the real factories, and what arrives is read on the Demo MLS's side of the socket (not from our own wire log).
import type { IncomingHttpHeaders } from 'node:http'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { demoProfiles } from '../../../src-main/features/connections/demo-profiles'
import { createRetsConnection } from '../../../src-main/features/connections/adapters/rets-connection'
import { createResoConnection } from '../../../src-main/features/connections/adapters/reso-connection'
import { createIdxConnection } from '../../../src-main/features/connections/adapters/idx-connection'
import { createActivityConnection } from '../../../src-main/features/connections/adapters/activity-connection'
import { MetadataCache } from '../../../src-main/features/metadata/metadata-cache'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { MemorySecretStore } from '../../../src-main/platform/secrets/memory-secret-store'
import { connectionProfileSchema, type ConnectionProfile } from '../../../contract/profile-schema'
import type { ProfileStore } from '../../../src-main/features/connections/profiles'
import type { JobControl } from '../../../src-main/platform/jobs/job-manager'
import { CollectingResultWriter } from '../../support/collecting-result-writer'

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

let mls: DemoMls
const seen: Seen[] = []
const wireLog = new WireLog()
let cache: MetadataCache
let base: ConnectionProfile[]

beforeAll(async () => {
  mls = await startDemoMls({ listings: 40, requireUaAuth: true })
  mls.server.on('request', (req) => seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers }))
  base = demoProfiles(mls.url, {
    rets: { userName: 'demo', password: 'demo-pass', uaPassword: 'demo-ua-pass', userAgent: 'MLSWorkbench/1.0' },
    reso: { clientId: 'workbench', clientSecret: 'workbench-secret' },
    activityApiKey: 'not-a-real-key'
  }).profiles
  cache = new MetadataCache(mkdtempSync(path.join(os.tmpdir(), 'wb-settings-')), { settleMs: 60_000 })
})
afterAll(async () => {
  await mls.close()
})
afterEach(() => {
  seen.length = 0
})

/** A demo profile of a kind with these settings, through the real schema (defaults and checks applied). */
function profile<K extends ConnectionProfile['kind']>(
  kind: K,
  settings: Record<string, unknown>
): Extract<ConnectionProfile, { kind: K }> {
  const found = base.find((p) => p.kind === kind)!
  return connectionProfileSchema.parse({ ...found, ...settings }) as Extract<ConnectionProfile, { kind: K }>
}

async function secretsFor(p: ConnectionProfile, values: Record<string, string>): Promise<MemorySecretStore> {
  const store = new MemorySecretStore()
  for (const [k, v] of Object.entries(values)) await store.set(p.id, k as never, v)
  return store
}

const job = (): JobControl => ({ signal: new AbortController().signal, progress: () => undefined })
const paramsOf = (s: Seen): URLSearchParams => new URL(s.url, mls.url).searchParams

describe('RETS profile settings on the wire', () => {
  it('UA product name, RETS-Request-ID, extra headers, QueryType, RestrictedIndicator, metadata format, GetObject Accept', async () => {
    const user = mls.ctx.users.find((u) => u.username === 'demo')!
    user.uaProduct = 'MLSWorkbench'
    try {
      const p = profile('rets', {
        uaProductName: 'MLSWorkbench',
        requestId: 'wb-req-7',
        extraHeaders: { 'X-Vendor-Tag': 'alpha' },
        queryType: 'DMQL',
        restrictedIndicator: '####',
        metadataFormat: 'COMPACT',
        objectAccept: 'image/jpeg'
      })
      const secrets = await secretsFor(p, { password: 'demo-pass', uaPassword: 'demo-ua-pass' })
      const conn = await createRetsConnection(p, secrets, wireLog, cache)
      // the server checks the UA digest against its registered product name: login only works if it was used
      await conn.connect()
      const model = await conn.metadata.load()
      const cls = model.resources.find((r) => r.name === 'Property')!.classes[0]!.name
      const writer = new CollectingResultWriter()
      await conn.search.run(
        {
          kind: 'dmql',
          resource: 'Property',
          class: cls,
          query: '(LIST_22=0+)',
          format: 'COMPACT',
          limit: 3,
          count: 1,
          standardNames: false,
          fetchAll: false
        } as never,
        writer,
        job()
      )
      expect(writer.rows.length).toBe(3)
      const key = [...mls.ctx.data.listings()].find((l) => l.PhotosCount > 0)!.ListingKey
      const source = conn.photos.open({ mode: 'multipart' } as never)
      await source.fetch(
        { keys: [key], type: 'Photo', objectIds: [1] },
        {
          open: () => ({ write: () => true, drained: async () => {}, close: async () => {} }),
          failed: () => undefined
        },
        new AbortController().signal
      )
      await conn.close()

      const rets = seen.filter((s) => s.url.startsWith('/rets/'))
      expect(rets.length).toBeGreaterThan(3)
      for (const s of rets) {
        expect(s.headers['x-vendor-tag']).toBe('alpha')
        expect(s.headers['rets-request-id']).toBe('wb-req-7')
      }
      const metadata = rets.filter((s) => s.url.startsWith('/rets/GetMetadata'))
      expect(metadata.length).toBeGreaterThan(0)
      expect(metadata.every((s) => paramsOf(s).get('Format') === 'COMPACT')).toBe(true)
      const search = rets.find((s) => s.url.startsWith('/rets/Search'))!
      expect(paramsOf(search).get('QueryType')).toBe('DMQL')
      expect(paramsOf(search).get('RestrictedIndicator')).toBe('####')
      const object = rets.find((s) => s.url.startsWith('/rets/GetObject'))!
      expect(object.headers.accept).toBe('image/jpeg')
      expect(rets.find((s) => s.url.startsWith('/rets/Login'))!.headers.accept).toBe('*/*')
    } finally {
      delete user.uaProduct
    }
  })

  it('without the UA product name the same server refuses the login (the setting is what made it work)', async () => {
    const user = mls.ctx.users.find((u) => u.username === 'demo')!
    user.uaProduct = 'MLSWorkbench'
    try {
      const p = profile('rets', {})
      const secrets = await secretsFor(p, { password: 'demo-pass', uaPassword: 'demo-ua-pass' })
      const conn = await createRetsConnection(p, secrets, wireLog, cache)
      await expect(conn.connect()).rejects.toThrow()
      await conn.close()
    } finally {
      delete user.uaProduct
    }
  })
})

describe('IDX and Listing Activity extra headers', () => {
  it('reach the server on every request', async () => {
    // the IDX API logs in without UA-auth
    mls.ctx.options.requireUaAuth = false
    const idx = profile('idx', {
      loginUrl: `${mls.url}/idx/Login.svc/Login`,
      userName: 'idx',
      extraHeaders: { 'X-Vendor-Tag': 'idx-1' },
      requestId: 'idx-req'
    })
    const idxConn = await createIdxConnection(idx, await secretsFor(idx, { password: 'idx-pass' }), wireLog, cache)
    await idxConn.connect()
    await idxConn.close()
    const idxSeen = seen.filter((s) => s.url.startsWith('/idx/'))
    expect(idxSeen.length).toBeGreaterThan(0)
    expect(
      idxSeen.every((s) => s.headers['x-vendor-tag'] === 'idx-1' && s.headers['rets-request-id'] === 'idx-req')
    ).toBe(true)

    seen.length = 0
    const act = profile('activity', { extraHeaders: { 'X-Vendor-Tag': 'act-1' } })
    const actConn = await createActivityConnection(act, {
      secrets: await secretsFor(act, { apiKey: 'not-a-real-key' }),
      wireLog,
      profiles: {} as ProfileStore
    })
    await actConn.activity.send({ kind: 'tracker', listingId: '20000001' } as never)
    await actConn.close()
    expect(seen.length).toBe(1)
    expect(seen[0]!.headers['x-vendor-tag']).toBe('act-1')
  })
})

describe('RESO profile settings', () => {
  it('a missing client secret is reported before any request', async () => {
    const p = profile('reso', {})
    const conn = await createResoConnection(p, new MemorySecretStore(), wireLog, async () => undefined)
    await expect(conn.connect()).rejects.toMatchObject({ code: 'SECRET_MISSING' })
    await conn.close()
    expect(seen).toEqual([])
  })
})
