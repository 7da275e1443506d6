// Item 7, token and error bodies (issue 17): a 300 MB token reply was read whole (1.13 GB RSS). Token replies are
// refused past 1 MB and error bodies are cut at 1 MB; reading stops there, so peak RSS stays far below 250 MB. A RETS
// login reply (read whole, then parsed) is refused past 4 MB.
// (The COMPACT record and multipart header caps are the performance suite's.)
import type http from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { requestToken } from '../../src-main/protocols/oauth/token-endpoint'
import { ODataClient } from '../../src-main/protocols/odata/odata-client'
import { RetsSession } from '../../src-main/protocols/rets/rets-session'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const MB = 1024 * 1024
const servers: HostileServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Streams `total` bytes of JSON-ish filler with backpressure, stopping when the client goes away. */
function endlessBody(res: http.ServerResponse, status: number, total: number): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(total) })
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  let sent = 0
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length
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
    expect(String((error as Error).message)).toMatch(/4096 KB/)
    expect(sent).toBeLessThan(40 * MB)
    console.log(`peak RSS during a 300 MB login reply: ${Math.round(peak / MB)} MB`)
    expect(peak).toBeLessThan(250 * MB)
  })
})
