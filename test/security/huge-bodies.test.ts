// Item 7, token and error bodies (issue 17): a 300 MB token reply was read whole (1.13 GB RSS). Token replies are
// refused past 1 MB and error bodies are cut at 1 MB; reading stops there, so peak RSS stays far below 250 MB. A RETS
// login reply (read whole, then parsed) is refused past 4 MB. Every other whole-body read is bounded too: a Spark page,
// an ApiTransport.request() body with no limit of its own, a Listing Activity reply and the API key page; an IDX sync
// page holds at most the profile's record limit (limits.maxRecordMb). Each refusal names the request and its size.
// (The COMPACT record and multipart header caps are the performance suite's.)
import type http from 'node:http'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { requestToken } from '../../src-main/protocols/oauth/token-endpoint'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { RetsSession } from '../../src-main/protocols/rets/rets-session'
import { SparkClient } from '../../src-main/protocols/spark/spark-client'
import { ListingActivityClient } from '../../src-main/features/activity/activity-client'
import { apiKeyFromRets } from '../../src-main/features/activity/api-key-page'
import { createIdxConnection } from '../../src-main/features/connections/adapters/idx-connection'
import { MetadataCache } from '../../src-main/features/metadata/metadata-cache'
import { WireLog } from '../../src-main/platform/http/wire-log'
import { MemorySecretStore } from '../../src-main/platform/secrets/memory-secret-store'
import { connectionProfileSchema, type IdxProfile } from '../../contract/profile-schema'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const MB = 1024 * 1024
const servers: HostileServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/**
 * Streams `head` then `total` bytes of filler with backpressure, stopping when the client goes away; `sent` counts
 * what was handed to the socket, so a test sees how far the client read.
 */
function endlessBody(
  res: http.ServerResponse,
  status: number,
  total: number,
  options: { type?: string; head?: string; sent?: { bytes: number } } = {}
): void {
  // with a head the length is not a whole number of chunks: sent chunked
  const length = options.head ? {} : { 'content-length': String(total) }
  res.writeHead(status, { 'content-type': options.type ?? 'application/json', ...length })
  const sent = options.sent ?? { bytes: 0 }
  if (options.head) sent.bytes += Buffer.byteLength(options.head)
  if (options.head) res.write(options.head)
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  const pump = (): void => {
    while (sent.bytes < total && !res.destroyed) {
      sent.bytes += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    res.end()
  }
  pump()
}

/** Peak RSS while `work` runs, sampled every 5 ms; the longest event-loop stall is printed (a figure, not asserted). */
async function peakRss(work: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5)
  const stalls = monitorEventLoopDelay({ resolution: 10 })
  stalls.enable()
  try {
    await work().catch(() => undefined)
  } finally {
    clearInterval(timer)
    stalls.disable()
  }
  console.log(`longest event-loop stall: ${Math.round(stalls.max / 1e6)} ms`)
  return Math.max(peak, process.memoryUsage.rss())
}

describe('huge token and error bodies', () => {
  it('a 300 MB token reply is refused after 1 MB and peak RSS stays under 250 MB', async () => {
    const server = await startHostileServer((_req, res) => endlessBody(res, 200, 300 * MB))
    servers.push(server)
    const transport = httpClientTransport(new HttpClient())
    let error: unknown
    const peak = await peakRss(async () => {
      await requestToken(transport, {
        tokenUrl: `${server.origin}/token`,
        grant: { type: 'client_credentials' },
        clientId: 'c',
        clientSecret: 's'
      }).catch((err: unknown) => (error = err))
    })
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    console.log(`peak RSS during a 300 MB token reply: ${Math.round(peak / MB)} MB`)
    expect(peak).toBeLessThan(250 * MB)
  })

  it('a 300 MB error body is cut at 1 MB and the error still names the request', async () => {
    const server = await startHostileServer((_req, res) => endlessBody(res, 500, 300 * MB))
    servers.push(server)
    const client = new ODataClient({
      serviceRoot: `${server.origin}/odata/`,
      transport: httpClientTransport(new HttpClient())
    })
    let error: unknown
    const peak = await peakRss(() =>
      client.each({ resource: 'Property' }, () => undefined).catch((e: unknown) => (error = e))
    )
    expect(String((error as Error).message)).toMatch(/500/)
    console.log(`peak RSS during a 300 MB error body: ${Math.round(peak / MB)} MB`)
    expect(peak).toBeLessThan(250 * MB)
  })

  it('a 300 MB RETS login reply is refused after 4 MB and peak RSS stays under 250 MB', async () => {
    let sent = 0
    const server = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' })
      res.write('<RETS ReplyCode="0" ReplyText="OK"><RETS-RESPONSE>\nSearch=/search\n')
      const chunk = Buffer.alloc(64 * 1024, 0x61)
      const pump = (): void => {
        while (sent < 300 * MB && !res.destroyed) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
    servers.push(server)
    const session = new RetsSession(
      { loginUrl: `${server.origin}/login`, username: 'u', password: 'p', userAgent: 'T/1', retsVersion: '1.7.2' },
      new HttpClient()
    )
    let error: unknown
    const peak = await peakRss(() => session.login().catch((e: unknown) => (error = e)))
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect(String((error as Error).message)).toMatch(/larger than 4 MB/)
    expect(sent).toBeLessThan(40 * MB)
    console.log(`peak RSS during a 300 MB login reply: ${Math.round(peak / MB)} MB`)
    expect(peak).toBeLessThan(250 * MB)
  })
})

/** A RETS login reply advertising `lines` (capability=URL) under the server's own origin. */
function loginReply(req: http.IncomingMessage, res: http.ServerResponse, lines: string[]): void {
  const base = `http://${req.headers.host}`
  res.writeHead(200, { 'content-type': 'text/xml' })
  res.end(
    `<RETS ReplyCode="0" ReplyText="OK"><RETS-RESPONSE>\nMemberName=A\n` +
      `${lines.map((l) => l.replace('=/', `=${base}/`)).join('\n')}\n</RETS-RESPONSE></RETS>`
  )
}

async function refusal(work: () => Promise<unknown>): Promise<Error & { code?: string; hint?: string }> {
  let error: unknown
  const peak = await peakRss(() => work().catch((e: unknown) => (error = e)))
  console.log(`peak RSS: ${Math.round(peak / MB)} MB`)
  expect(peak).toBeLessThan(250 * MB)
  expect(error).toBeInstanceOf(Error)
  return error as Error & { code?: string; hint?: string }
}

describe('every other whole-body read is bounded and names the request', () => {
  it('a 300 MB Spark page is refused past the profile limit, naming GET and the URL', async () => {
    const sent = { bytes: 0 }
    const server = await startHostileServer((_req, res) => endlessBody(res, 200, 300 * MB, { sent }))
    servers.push(server)
    const client = new SparkClient({
      baseUrl: server.origin,
      transport: httpClientTransport(new HttpClient()),
      userAgent: 'T/1',
      maxReplyBytes: 2 * MB
    })
    const error = await refusal(() => client.get('listings'))
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect(error.message).toMatch(/The Spark reply is larger than 2 MB: reading stopped after \d+ MB/)
    expect(error.message).toContain(`GET ${server.origin}/v1/listings`)
    expect(error.hint).toMatch(/limits\.maxRecordMb/)
    console.log(`${error.message} — server sent ${Math.round(sent.bytes / MB)} MB`)
    expect(sent.bytes).toBeLessThan(40 * MB)
  })

  it('ApiTransport.request() with no maxBodyBytes is refused after 16 MB, not read whole', async () => {
    const sent = { bytes: 0 }
    const server = await startHostileServer((_req, res) => endlessBody(res, 200, 300 * MB, { sent }))
    servers.push(server)
    const transport = httpClientTransport(new HttpClient())
    const error = await refusal(() =>
      transport.request({ method: 'POST', url: `${server.origin}/api?x=1`, body: '{}' })
    )
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect(error.message).toMatch(/larger than 16 MB: reading stopped after \d+ MB/)
    expect(error.message).toContain(`POST ${server.origin}/api?x=1`)
    console.log(`${error.message} — server sent ${Math.round(sent.bytes / MB)} MB`)
    expect(sent.bytes).toBeLessThan(80 * MB)
  })

  it('a 300 MB Listing Activity reply is refused after 4 MB and the API key stays out of the error', async () => {
    const sent = { bytes: 0 }
    const server = await startHostileServer((_req, res) =>
      endlessBody(res, 200, 300 * MB, { type: 'text/plain', sent })
    )
    servers.push(server)
    const key = 'hostile-test-api-key-0123456789'
    const client = new ListingActivityClient(new HttpClient(), `${server.origin}/tracking/v1/`, key)
    const error = await refusal(() => client.send({ kind: 'tracker', listingId: '20120101000000000000000000' }))
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect(error.message).toMatch(/The Listing Activity reply is larger than 4 MB: reading stopped after \d+ MB/)
    expect(error.message).toContain(`GET ${server.origin}/tracking/v1/`)
    expect(error.message).not.toContain(key)
    console.log(`${error.message} — server sent ${Math.round(sent.bytes / MB)} MB`)
    expect(sent.bytes).toBeLessThan(40 * MB)
  })

  it('a 300 MB API access page is refused after 4 MB, naming the page', async () => {
    const sent = { bytes: 0 }
    const server = await startHostileServer((req, res) => {
      if (req.url?.startsWith('/login')) return loginReply(req, res, ['X-ApiAccessSettings=/api-access'])
      endlessBody(res, 200, 300 * MB, { type: 'text/html', head: '<html><body><p>', sent })
    })
    servers.push(server)
    const session = new RetsSession(
      { loginUrl: `${server.origin}/login`, username: 'u', password: 'p', userAgent: 'T/1', retsVersion: '1.7.2' },
      new HttpClient()
    )
    const error = await refusal(() => apiKeyFromRets(session, { generate: true }))
    expect(error).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect(error.message).toMatch(/The API access page is larger than 4 MB: reading stopped after \d+ MB/)
    expect(error.message).toContain(`GET ${server.origin}/api-access`)
    console.log(`${error.message} — server sent ${Math.round(sent.bytes / MB)} MB`)
    expect(sent.bytes).toBeLessThan(40 * MB)
  })

  it("every IDX sync read holds at most the profile's limits.maxRecordMb (1 MB), not the 16 MB default", async () => {
    const sent = { bytes: 0 }
    const server = await startHostileServer((req, res) => {
      if (req.url?.startsWith('/login')) return loginReply(req, res, ['Search=/search', 'Logout=/logout'])
      // the master list is COMPACT (an endless DATA row), the other reads STANDARD-XML (an endless value)
      const head = req.url?.includes('Format=COMPACT')
        ? '<RETS ReplyCode="0" ReplyText="OK"><DELIMITER value="09"/><COLUMNS>\tID\tLastUpdated\t</COLUMNS><DATA>\t'
        : '<RETS ReplyCode="0" ReplyText="OK"><RETS-RESPONSE xmlns="MLSIDXAPI.Search.Property"><PropertyDetails><Remarks>'
      endlessBody(res, 200, 300 * MB, { type: 'text/xml', head, sent })
    })
    servers.push(server)
    const profile = connectionProfileSchema.parse({
      kind: 'idx',
      id: 'hostile-idx',
      name: 'Hostile IDX',
      loginUrl: `${server.origin}/login`,
      userName: 'agent',
      limits: { maxRecordMb: 1 }
    }) as IdxProfile
    const secrets = new MemorySecretStore()
    await secrets.set(profile.id, 'password', 'pw')
    const cache = new MetadataCache(mkdtempSync(path.join(os.tmpdir(), 'wb-huge-')), { settleMs: 60_000 })
    const conn = await createIdxConnection(profile, secrets, new WireLog(), cache)
    try {
      const source = conn.sync!.source({ resource: 'Property' })
      const reads: [string, () => Promise<unknown>, RegExp][] = [
        ['changed page', () => source.changedPage(undefined, undefined), /has not ended after 1 MB/],
        ['records by key', () => source.fetchByKeys(['1', '2']), /has not ended after 1 MB/],
        ['master list', () => source.masterList(), /larger than 1 MB/]
      ]
      for (const [what, read, bound] of reads) {
        sent.bytes = 0
        const error = await refusal(read)
        console.log(`IDX ${what}: ${error.message} — server sent ${Math.round(sent.bytes / MB)} MB`)
        expect(error.code).toMatch(/^REPLY_(MARKUP|ELEMENT)_TOO_LARGE$/)
        expect(error.message).toMatch(bound)
        expect(error.message).toContain(`GET ${server.origin}/search?`)
        expect(error.hint).toMatch(/limits\.maxRecordMb|raise the limit/)
        expect(sent.bytes).toBeLessThan(12 * MB)
      }
    } finally {
      await conn.close()
    }
  })
})
