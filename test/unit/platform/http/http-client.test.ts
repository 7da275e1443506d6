import { afterEach, describe, expect, it } from 'vitest'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { WireLog } from '../../../../src-main/platform/http/wire-log'
import { redactor } from '../../../../src-main/platform/redaction/redactor'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

async function serve(handler: Handler, server: Server = createServer()): Promise<string> {
  server.on('request', handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proto = server instanceof createHttpsServer().constructor ? 'https' : 'http'
  return `${proto}://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('HttpClient', () => {
  it('buffer() reads a whole body only up to its limit, then refuses naming the request', async () => {
    let sent = 0
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
      // an endless body: the refusal must come from the limit, not from the end
      const chunk = Buffer.alloc(64 * 1024, 0x41)
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    const client = new HttpClient()
    const res = await client.request({ url: `${url}/endless?token=s3cret-token` })
    const refusal = await res.buffer(1024 * 1024).catch((e: unknown) => e)
    expect(refusal).toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
    expect((refusal as Error).message).toMatch(/larger than 1 MB/)
    expect((refusal as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/endless/)
    expect((refusal as Error).message).not.toContain('s3cret-token')
    // reading stopped: the server was not drained to its end (there is none)
    expect(sent).toBeLessThan(64 * 1024 * 1024)
    const small = await client.request({ url: `${url}/again` })
    await expect(small.text('utf8', 100)).rejects.toMatchObject({ code: 'HTTP_BODY_TOO_LARGE' })
  })

  it('decodes gzip, zlib deflate and raw deflate bodies', async () => {
    const text = 'RETS '.repeat(1000)
    const url = await serve((req, res) => {
      const enc = req.url!.slice(1)
      const body = enc === 'gzip' ? gzipSync(text) : enc === 'deflate' ? deflateSync(text) : deflateRawSync(text)
      res.writeHead(200, { 'Content-Encoding': enc === 'raw' ? 'deflate' : enc })
      res.end(body)
    })
    const client = new HttpClient()
    for (const enc of ['gzip', 'deflate', 'raw'])
      expect(await (await client.request({ url: `${url}/${enc}` })).text()).toBe(text)
    client.close()
  })

  it('hands a slow reader the socket chunks one by one, not joined, and holds only a few of them', async () => {
    const body = Buffer.alloc(32 * 1024 * 1024)
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(i, i)
    let written = 0
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(body.length) })
      const pump = (): void => {
        while (written < body.length) {
          if (!res.write(body.subarray(written, (written += 64 * 1024)))) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
    const client = new HttpClient()
    const res = await client.request({ url })
    // the reader is late: chunks pile up in the stage until it pauses the socket
    await new Promise((r) => setTimeout(r, 200))
    expect(written).toBeLessThan(body.length)
    const chunks: Buffer[] = []
    for await (const chunk of res.body as AsyncIterable<Buffer>) chunks.push(chunk)
    expect(Buffer.concat(chunks).equals(body)).toBe(true)
    // a byte-mode stage would have joined the piled-up chunks into one new buffer per read
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(64 * 1024)
    client.close()
  })

  it('sends the exact request URI, User-Agent, and keeps cookies per path', async () => {
    const seen: Array<{ url: string; cookie?: string; ua?: string }> = []
    const url = await serve((req, res) => {
      seen.push({
        url: req.url!,
        ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
        ua: req.headers['user-agent']!
      })
      res.writeHead(200, { 'Set-Cookie': ['A=1; Path=/rets', 'B=2; Path=/other', 'C=3; Max-Age=0'] })
      res.end('ok')
    })
    const client = new HttpClient({ userAgent: 'WB/1.0' })
    await (await client.request({ url: `${url}/rets/login?a=(1)&b=x%2Cy` })).discard()
    await (await client.request({ url: `${url}/rets/search` })).discard()
    expect(seen[0]).toEqual({ url: '/rets/login?a=(1)&b=x%2Cy', ua: 'WB/1.0' })
    expect(seen[1]).toEqual({ url: '/rets/search', cookie: 'A=1', ua: 'WB/1.0' })
    expect(client.cookies.get('C')).toBeUndefined()
  })

  it('a download without credentials sends no cookie or Authorization, stores no cookie, and keeps no body', async () => {
    const seen: IncomingMessage['headers'][] = []
    const photo = Buffer.alloc(50_000, 7)
    const url = await serve((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Set-Cookie': 'cdn=tracking; Path=/' })
      res.end(req.url === '/login' ? 'ok' : photo)
    })
    const log = new WireLog()
    const client = new HttpClient({ wireLog: log })
    client.cookies.setFromResponse(`${url}/`, 'RETS-Session-ID=s1; Path=/')
    const res = await client.request({
      url: `${url}/photo/1.jpg`,
      headers: { Authorization: 'Bearer t0ken', cookie: 'x=y', Accept: '*/*' },
      credentials: 'omit',
      keepBody: false
    })
    expect((await res.buffer()).equals(photo)).toBe(true)
    expect(seen[0]!.authorization).toBeUndefined()
    expect(seen[0]!.cookie).toBeUndefined()
    expect(seen[0]!.accept).toBe('*/*')
    expect(client.cookies.get('cdn')).toBeUndefined()
    expect(log.get(res.wireId!)).toMatchObject({ status: 200, responseBytes: 50_000, bodyKept: false, complete: true })
    expect((await log.readBody(res.wireId!, 0, 100)).length).toBe(0)
    // the same client still sends its cookies on ordinary requests
    await (await client.request({ url: `${url}/login` })).discard()
    expect(seen[1]!.cookie).toBe('RETS-Session-ID=s1')
    client.close()
  })

  it('times out an idle server with HTTP_TIMEOUT and honours AbortSignal', async () => {
    const url = await serve(() => undefined)
    const client = new HttpClient({ timeoutMs: 100 })
    await expect(client.request({ url })).rejects.toMatchObject({ code: 'HTTP_TIMEOUT' })
    const ac = new AbortController()
    const pending = client.request({ url, signal: ac.signal, timeoutMs: 5000 })
    ac.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('a stall mid-body fails the body stream with HTTP_TIMEOUT', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('partial')
    })
    const res = await new HttpClient({ timeoutMs: 100 }).request({ url })
    await expect(res.buffer()).rejects.toMatchObject({ code: 'HTTP_TIMEOUT' })
  })

  it('a body dropped by its reader ends the wire entry with an error', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('x'.repeat(1000))
    })
    const log = new WireLog()
    const res = await new HttpClient({ wireLog: log }).request({ url })
    res.body.destroy()
    await new Promise((r) => setTimeout(r, 20))
    expect(log.get(res.wireId!)).toMatchObject({
      complete: true,
      error: 'The client stopped reading before the end of the body.'
    })
  })

  it('aborting mid-body errors the stream', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200)
      res.write('x'.repeat(1000))
    })
    const ac = new AbortController()
    const res = await new HttpClient().request({ url, signal: ac.signal })
    const reading = res.buffer()
    ac.abort()
    await expect(reading).rejects.toBeTruthy()
  })

  it('connection refused becomes an AppError with a hint', async () => {
    const url = await serve(() => undefined)
    const dead = url
    await new Promise((r) => servers.pop()!.close(r))
    await expect(new HttpClient().request({ url: dead })).rejects.toMatchObject({
      code: 'HTTP_ECONNREFUSED',
      hint: expect.stringMatching(/listening/)
    })
  })

  it('goes through an HTTP proxy with an absolute request URI', async () => {
    const proxied: string[] = []
    const proxy = await serve((req, res) => {
      proxied.push(req.url!)
      res.end('via proxy')
    })
    const client = new HttpClient({ proxyUrl: proxy })
    const res = await client.request({ url: 'http://rets.example.test:6103/rets/login?x=1' })
    expect(await res.text()).toBe('via proxy')
    expect(proxied).toEqual(['http://rets.example.test:6103/rets/login?x=1'])
    client.close()
  })

  it('trusts a custom CA for https', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-ca-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          `${dir}/k.pem`,
          '-out',
          `${dir}/c.pem`,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1'
        ],
        { stdio: 'ignore' }
      )
    } catch {
      return // no openssl on this machine
    }
    const cert = readFileSync(`${dir}/c.pem`)
    const server = createHttpsServer({ key: readFileSync(`${dir}/k.pem`), cert })
    const url = (await serve((_req, res) => res.end('secure'), server)).replace('http:', 'https:')
    await expect(new HttpClient().request({ url })).rejects.toMatchObject({ code: expect.stringMatching(/^HTTP_/) })
    const client = new HttpClient({ ca: cert })
    expect(await (await client.request({ url })).text()).toBe('secure')
    client.close()
  })
})

describe('WireLog', () => {
  it('records redacted headers, spills big bodies to disk and reads any byte range', async () => {
    const big = Buffer.alloc(300_000)
    for (let i = 0; i < big.length; i++) big[i] = i % 251
    const url = await serve((req, res) => {
      res.writeHead(200, { 'Set-Cookie': 'RETS-Session-ID=sekrit-session; Path=/', 'Content-Encoding': 'gzip' })
      res.end(gzipSync(req.url!.startsWith('/big') ? big : Buffer.from('small')))
    })
    const spillDir = mkdtempSync(path.join(os.tmpdir(), 'wb-wire-'))
    const log = new WireLog({ memoryLimit: 64 * 1024, maxEntries: 2, spillDir })
    redactor.addSecret('hunter2-secret')
    const client = new HttpClient({ wireLog: log })
    const res = await client.request({
      method: 'POST',
      url: `${url}/big?password=hunter2-secret`,
      headers: { Authorization: 'Basic abcdef', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'user=a&password=hunter2-secret'
    })
    expect((await res.buffer()).equals(big)).toBe(true)
    const entry = log.get(res.wireId!)!
    expect(entry).toMatchObject({ method: 'POST', status: 200, responseBytes: 300_000, complete: true })
    expect(entry.url).not.toContain('hunter2-secret')
    expect(entry.requestHeaders.Authorization).toBe('Basic [redacted]')
    expect(entry.requestBody).toBe('user=a&password=[redacted]')
    expect(entry.responseHeaders!['set-cookie']).toBe('RETS-Session-ID=[redacted]; Path=/')
    expect(entry.durationMs).toBeGreaterThanOrEqual(0)
    expect(readdirSync(spillDir)).toHaveLength(1)
    expect((await log.readBody(entry.id, 250_000, 100)).equals(big.subarray(250_000, 250_100))).toBe(true)
    expect((await log.readBody(entry.id, 299_990, 100)).length).toBe(10)
    const curl = log.copyAs(entry.id, 'curl')!.text
    expect(curl).toContain("-X 'POST'")
    expect(curl).toContain('--basic -u "$MLS_USER:$MLS_PASSWORD"')
    expect(curl).toContain(`--data-binary 'user=a&password='"$MLS_PASSWORD"`)
    expect(curl).not.toContain('hunter2-secret')
    // bounded: two more entries push the big one (and its spill file) out
    await (await client.request({ url: `${url}/a` })).discard()
    await (await client.request({ url: `${url}/b` })).discard()
    expect(log.get(entry.id)).toBeUndefined()
    expect(readdirSync(spillDir)).toHaveLength(0)
    expect(log.list()).toHaveLength(2)
    expect((await log.readBody(log.list()[1]!.id, 0, 100)).toString()).toBe('small')
    redactor.removeSecret('hunter2-secret')
  })
})
