// Issue 7's leak test: unique secret strings go through full sessions of every kind (login, metadata, search,
// sync, errors, raw view, CSV/JSON/XLSX and photo exports, saved queries, profile export), then every file the app
// wrote, its temp spill files, its console output and every message that crossed the web-mode boundary are searched
// for them — plain, base64, URL-encoded.
import http from 'node:http'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { startWebApp, type WebApp } from '../../../src-main/shells/web/start-web'
import type { ArgsOf, RequestChannel, ResultOf } from '../../../contract/ipc-contract'

const tag = randomBytes(6).toString('hex')
const canary = {
  password: `pw-canary-${tag}-Zq`,
  uaPassword: `ua-canary-${tag}-Xy`,
  clientSecret: `cs-canary-${tag}-Wv`,
  idxPassword: `pw-idx-canary-${tag}-Ut`,
  /** a key the server never issued (the rejected-key send) */
  badApiKey: `ak-bad-canary-${tag}-Ts`,
  /** the Listing Activity key of the profile's own apiKey secret (issued in beforeAll) */
  apiKey: ''
}

let app: WebApp
let userDataDir: string
const messages: string[] = []
const consoleLines: string[] = []
let socket: WebSocket

function invoke<C extends RequestChannel>(
  channel: C,
  args: ArgsOf<C>
): Promise<{ ok: boolean; value: ResultOf<C>; error?: unknown }> {
  const body = JSON.stringify(args)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: app.server.port,
        method: 'POST',
        path: `/api/invoke/${channel}`,
        headers: { 'Content-Type': 'application/json', 'X-MLSWB-Token': app.server.token, Origin: app.server.origin }
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => {
          // secrets:set carries the secret the user typed into main: the one message that must contain it
          messages.push(...(channel === 'secrets:set' ? [text] : [body, text]))
          resolve(JSON.parse(text))
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function ok<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const res = await invoke(channel, args)
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`)
  return res.value
}

async function runQuery(profileId: string, spec: ArgsOf<'query:run'>['spec']): Promise<string> {
  const { jobId, resultId } = await ok('query:run', { profileId, spec })
  await app.workbench.jobs.settled(jobId)
  await new Promise((r) => setTimeout(r, 20))
  const summary = await ok('results:summary', { resultId })
  await ok('results:page', { resultId, offset: 0, limit: 50 })
  await ok('results:export', { resultId, format: 'csv', path: path.join(userDataDir, `${profileId}-${jobId}.csv`) })
  await ok('results:export', { resultId, format: 'json', path: path.join(userDataDir, `${profileId}-${jobId}.json`) })
  await ok('results:export', { resultId, format: 'xlsx', path: path.join(userDataDir, `${profileId}-${jobId}.xlsx`) })
  return summary.resultId
}

beforeAll(async () => {
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    const original = console[method].bind(console)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '))
      original(...args)
    })
  }
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-leak-static-'))
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>')
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-leak-ud-'))
  app = await startWebApp({ staticDir, userDataDir, demo: { listings: 300 } })
  const ctx = app.workbench.demo!.server.ctx
  ctx.users.push({ ...ctx.users[0]!, username: 'leaktest', password: canary.password, uaPassword: canary.uaPassword })
  ctx.oauthClients.push({ clientId: 'leak-client', clientSecret: canary.clientSecret, actsAs: 'leaktest' })
  ctx.users.push({ ...ctx.users[0]!, username: 'leakidx', password: canary.idxPassword, uaPassword: canary.uaPassword })
  // the RETS-linked activity profile gets leaktest's key from the X-ApiAccessSettings page (generated there)
  canary.apiKey = ctx.activity.generate('leakidx')
  socket = new WebSocket(`ws://127.0.0.1:${app.server.port}/events?token=${app.server.token}`, {
    origin: app.server.origin
  })
  socket.on('message', (d) => messages.push(String(d)))
  await new Promise((r) => socket.once('open', r))
})

afterAll(async () => {
  socket?.close()
  await app?.close()
  vi.restoreAllMocks()
})

describe('no secret leaks', () => {
  it('runs full sessions for RETS, RESO Web API, Spark, IDX and Listing Activity profiles', async () => {
    const demo = app.workbench.demo!.server.url
    await ok('profiles:save', {
      profile: {
        id: 'leak-rets',
        name: 'Leak RETS',
        kind: 'rets',
        loginUrl: `${demo}/rets/Login`,
        userName: 'leaktest',
        authMethod: 'digest'
      }
    })
    await ok('secrets:set', { profileId: 'leak-rets', name: 'password', value: canary.password })
    await ok('secrets:set', { profileId: 'leak-rets', name: 'uaPassword', value: canary.uaPassword })
    await ok('profiles:save', {
      profile: {
        id: 'leak-reso',
        name: 'Leak RESO',
        kind: 'reso',
        serviceUrl: `${demo}/Reso/OData/`,
        userName: 'leaktest',
        oauth: { grant: 'password', tokenUrl: `${demo}/oauth/token`, clientId: 'leak-client' }
      }
    })
    await ok('secrets:set', { profileId: 'leak-reso', name: 'clientSecret', value: canary.clientSecret })
    await ok('secrets:set', { profileId: 'leak-reso', name: 'password', value: canary.password })
    await ok('profiles:save', {
      profile: {
        id: 'leak-spark',
        name: 'Leak Spark',
        kind: 'spark',
        apiUrl: `${demo}/v1`,
        oauth: {
          grant: 'client_credentials',
          tokenUrl: `${demo}/v1/oauth2/grant`,
          clientId: 'leak-client',
          tokenStyle: 'spark',
          headerScheme: 'OAuth'
        }
      }
    })
    await ok('secrets:set', { profileId: 'leak-spark', name: 'clientSecret', value: canary.clientSecret })

    // RETS: login, metadata, search, an error
    await ok('session:connect', { profileId: 'leak-rets' })
    await ok('metadata:summary', { profileId: 'leak-rets' })
    await ok('metadata:fields', { profileId: 'leak-rets', resource: 'Property', class: 'A' })
    const retsResult = await runQuery('leak-rets', {
      kind: 'dmql',
      resource: 'Property',
      class: 'A',
      query: '(LIST_15=|OV61GOJ13C0)',
      format: 'COMPACT-DECODED',
      count: 1,
      standardNames: false,
      fetchAll: true
    })
    await runQuery('leak-rets', {
      kind: 'dmql',
      resource: 'Property',
      class: 'A',
      query: '(LIST_15=',
      format: 'COMPACT',
      count: 0,
      standardNames: false,
      fetchAll: false
    })

    // RESO: password grant, $metadata, query with paging, a bad filter
    await ok('session:connect', { profileId: 'leak-reso' })
    await ok('metadata:summary', { profileId: 'leak-reso' })
    const resoResult = await runQuery('leak-reso', {
      kind: 'odata',
      resource: 'Property',
      select: ['ListingKey', 'ListPrice'],
      top: 60,
      count: true,
      fetchAll: true
    })
    await runQuery('leak-reso', {
      kind: 'odata',
      resource: 'Property',
      filter: 'ListPrice eq',
      count: false,
      fetchAll: false
    })

    // Spark: the JSON grant, standard fields, listings
    await ok('session:connect', { profileId: 'leak-spark' })
    await ok('metadata:summary', { profileId: 'leak-spark' })
    const sparkSpec = { kind: 'spark' as const, select: ['ListingKey', 'ListPrice'], fetchAll: true, maxRows: 30 }
    const sparkResult = await runQuery('leak-spark', sparkSpec)

    await runPhotoExports([
      ['leak-rets', retsResult, 'LIST_1', 'location'],
      ['leak-reso', resoResult, 'ListingKey', undefined],
      ['leak-spark', sparkResult, 'ListingKey', undefined]
    ])
    await ok('library:save', {
      query: { name: 'Leak Spark', folder: 'Leak', profileId: 'leak-spark', spec: sparkSpec }
    })
    await ok('library:export', { path: path.join(userDataDir, 'library-export.json') })

    await runIdxAndActivity(demo)

    // a duplicate keeps the credentials; a failed login's error must not echo them
    await ok('profiles:duplicate', { profileId: 'leak-rets', name: 'Leak RETS copy' })
    await ok('session:connect', { profileId: 'leak-rets-copy' })
    app.workbench.demo!.server.ctx.users.find((u) => u.username === 'leaktest')!.password = 'changed-on-server'
    const refused = await invoke('session:connect', { profileId: 'leak-rets-copy' })
    expect(refused.ok).toBe(false)

    // raw view: every request's headers, body and copied command
    for (const entry of await ok('wire:list', {})) {
      await ok('wire:body', { id: entry.id, offset: 0, length: 1024 * 1024 })
      for (const format of ['curl', 'powershell', 'fetch'] as const) await ok('wire:copyAs', { id: entry.id, format })
    }
    // profile export carries no secrets
    for (const id of ['leak-rets', 'leak-reso', 'leak-spark', 'leak-idx', 'leak-activity', 'leak-activity-rets']) {
      await app.workbench.profiles.exportToFile(id, path.join(userDataDir, `${id}.export.json`))
    }
    // five kinds of full sessions: on a loaded two-core machine this takes longer than the suite's 30 s default
  }, 120_000)

  it('finds none of the secrets anywhere', async () => {
    expect(canary.apiKey).toMatch(/^[0-9a-f]{32}$/)
    const secrets = [canary.password, canary.uaPassword, canary.clientSecret, canary.idxPassword]
    const pageKey = app.workbench.demo!.server.ctx.activity.keyFor('leaktest')
    expect(pageKey).toMatch(/^[0-9a-f]{32}$/)
    secrets.push(canary.badApiKey, canary.apiKey, pageKey!)
    for (const id of ['leak-reso', 'leak-spark']) {
      for (const name of ['accessToken', 'refreshToken']) {
        const value = await app.workbench.secrets.get(id, name)
        if (value) secrets.push(value)
      }
    }
    expect(secrets.length).toBeGreaterThanOrEqual(9) // tokens were really issued and stored
    const forms = secrets.flatMap((s) => [
      s,
      encodeURIComponent(s),
      Buffer.from(s).toString('base64').replace(/=+$/, ''),
      Buffer.from(s).toString('base64url')
    ])
    const haystacks: { where: string; text: string }[] = [
      ...files(userDataDir).map((f) => ({ where: f, text: readFileSync(f).toString('latin1') })),
      ...files(app.workbench.spillDir).map((f) => ({ where: f, text: readFileSync(f).toString('latin1') })),
      ...messages.map((text, i) => ({ where: `message #${i}`, text })),
      { where: 'console', text: consoleLines.join('\n') }
    ]
    expect(haystacks.length).toBeGreaterThan(50)
    const found = haystacks.flatMap((h) =>
      forms.filter((f) => h.text.includes(f)).map((f) => `${h.where}: …${f.slice(0, 12)}…`)
    )
    expect(found).toEqual([])
  })
})

/** IDX (password) and Listing Activity (apiKey, own or through the RETS X-ApiAccessSettings page) sessions. */
async function runIdxAndActivity(demo: string): Promise<void> {
  await ok('profiles:save', {
    profile: {
      id: 'leak-idx',
      name: 'Leak IDX',
      kind: 'idx',
      loginUrl: `${demo}/idx/Login.svc/Login`,
      userName: 'leakidx',
      authMethod: 'digest'
    }
  })
  await ok('secrets:set', { profileId: 'leak-idx', name: 'password', value: canary.idxPassword })
  const tracking = `${demo}/tracking/v1/`
  await ok('profiles:save', {
    profile: { id: 'leak-activity', name: 'Leak Activity', kind: 'activity', trackingUrl: tracking }
  })
  await ok('secrets:set', { profileId: 'leak-activity', name: 'apiKey', value: canary.apiKey })
  await ok('profiles:save', {
    profile: {
      id: 'leak-activity-rets',
      name: 'Leak Activity RETS',
      kind: 'activity',
      trackingUrl: tracking,
      retsProfileId: 'leak-rets'
    }
  })
  await ok('profiles:save', {
    profile: { id: 'leak-activity-bad', name: 'Leak Activity bad', kind: 'activity', trackingUrl: tracking }
  })
  await ok('secrets:set', { profileId: 'leak-activity-bad', name: 'apiKey', value: canary.badApiKey })

  // IDX: login, metadata, a query, sync plan + run (the SQLite copy, a query of it, its export)
  await ok('session:connect', { profileId: 'leak-idx' })
  await ok('metadata:summary', { profileId: 'leak-idx' })
  const keys = [...app.workbench.demo!.server.ctx.data.listings()].slice(0, 4).map((l) => l.ListingKey)
  const idQuery = `(ID=${keys.join(',')})`
  const dmql = {
    kind: 'dmql',
    resource: 'Property',
    class: 'A',
    count: 1,
    standardNames: false,
    fetchAll: true
  } as const
  await runQuery('leak-idx', { ...dmql, query: idQuery, format: 'STANDARD-XML' })
  await runQuery('leak-idx', { ...dmql, query: '(ID=*)', format: 'COMPACT' })
  for (const channel of ['sync:plan', 'sync:run'] as const) {
    const { jobId } = await ok(channel, { profileId: 'leak-idx', target: { resource: 'Property' } })
    await app.workbench.jobs.settled(jobId)
    expect((await ok('sync:report', { jobId }))?.counts.new).toBeGreaterThan(0)
  }
  const copy = await ok('sync:query', { profileId: 'leak-idx', sql: 'SELECT * FROM "Property" LIMIT 50' })
  await ok('results:page', { resultId: copy.resultId, offset: 0, limit: 50 })
  await ok('results:export', { resultId: copy.resultId, format: 'csv', path: path.join(userDataDir, 'idx-copy.csv') })

  // Listing Activity: the key from the profile and from the RETS page; sends, a refused upload, a wrong key
  const views = [{ viewDate: '2026-11-20', listings: [{ listingKey: keys[0]!, viewCount: 3 }] }]
  for (const profileId of ['leak-activity', 'leak-activity-rets']) {
    await ok('session:connect', { profileId })
    expect((await ok('activity:send', { profileId, event: { kind: 'tracker', listingId: keys[0]! } })).status).toBe(200)
    expect((await ok('activity:send', { profileId, event: { kind: 'views', views } })).status).toBe(200)
    const refused = await ok('activity:send', { profileId, event: { kind: 'viewsXml', xml: '<Views/>' } })
    expect(refused.status).toBe(500)
  }
  const pageKey = app.workbench.demo!.server.ctx.activity.keyFor('leaktest')
  expect(pageKey).toMatch(/^[0-9a-f]{32}$/)
  expect(app.workbench.demo!.server.ctx.activity.views(canary.apiKey)).toHaveLength(2)
  expect(app.workbench.demo!.server.ctx.activity.views(pageKey)).toHaveLength(2)
  await ok('activity:validate', { event: { kind: 'views', views: [{ viewDate: 'x', listings: [] }] } })
  const wrongKey = await ok('activity:send', {
    profileId: 'leak-activity-bad',
    event: { kind: 'tracker', listingId: 'L1' }
  })
  expect(wrongKey.status).toBe(403)

  // a failed IDX login (the server changed the password) must not echo the one sent
  app.workbench.demo!.server.ctx.users.find((u) => u.username === 'leakidx')!.password = 'changed-on-server'
  await ok('session:disconnect', { profileId: 'leak-idx' })
  expect((await invoke('sync:plan', { profileId: 'leak-idx', target: { resource: 'Property' } })).ok).toBe(false)
}

/** Photo exports (manifests list source URLs: Location=1, Media, Spark URIs) with thumbnails read back. */
async function runPhotoExports(runs: [string, string, string, 'location' | undefined][]): Promise<void> {
  for (const [profileId, resultId, column, mode] of runs) {
    const types = profileId === 'leak-spark' ? ['Uri300'] : ['Photo']
    const destination = path.join(userDataDir, 'photos', profileId)
    const { jobId } = await ok('photos:export', {
      profileId,
      ...(mode ? { mode } : {}),
      request: { destination, keysFrom: { resultId, column }, types, objectIds: '*' }
    })
    await app.workbench.jobs.settled(jobId)
    const summary = await ok('photos:summary', { jobId })
    expect(summary?.written).toBeGreaterThan(0)
    await ok('photos:thumbnail', { jobId, file: summary!.firstFiles[0]! })
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : [full]
  })
}
