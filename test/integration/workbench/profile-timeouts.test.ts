// The three timeouts of a profile's network settings, through the HttpClient the profile builds, against real
// sockets: connect (a listener whose accept queue is full never completes the handshake), idle (headers, then
// silence) and the total deadline (a body that trickles forever, never idle). Plus the fixed OAuth redirect port.
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpClientFor } from '../../../src-main/features/connections/adapters/http-for-profile'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { MemorySecretStore } from '../../../src-main/platform/secrets/memory-secret-store'
import { connectionProfileSchema, type ConnectionProfile } from '../../../contract/profile-schema'
import { startLoopbackRedirect } from '../../../src-main/protocols/oauth/loopback-redirect'

let server: http.Server
let url: string
const sockets: net.Socket[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/silent') {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.write('first bytes, then nothing')
      return
    }
    // /trickle: a byte every 100 ms for 4 s — never idle, but slow in total
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    let n = 0
    const timer = setInterval(() => {
      if (++n >= 40 || res.destroyed) {
        clearInterval(timer)
        res.end()
      } else res.write('.')
    }, 100)
    res.on('close', () => clearInterval(timer))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  sockets.forEach((s) => s.destroy())
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

function profileWith(network: Record<string, number>): ConnectionProfile {
  return connectionProfileSchema.parse({
    id: 'timeouts',
    name: 'Timeouts',
    kind: 'activity',
    trackingUrl: url,
    network
  })
}

const client = (network: Record<string, number>) =>
  httpClientFor(profileWith(network), new WireLog(), new MemorySecretStore())

async function read(res: { body: AsyncIterable<Buffer> }): Promise<number> {
  let n = 0
  for await (const chunk of res.body) n += chunk.length
  return n
}

/** A listener that never accepts, its backlog filled: a new connection stays in the handshake. */
async function blackHole(): Promise<{ port: number; proc: ChildProcess }> {
  const proc = spawn('python3', [
    '-c',
    'import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(60)'
  ])
  const port = await new Promise<number>((resolve) => proc.stdout!.once('data', (d) => resolve(Number(String(d)))))
  for (let i = 0; i < 3; i++) sockets.push(net.connect(port, '127.0.0.1').on('error', () => undefined))
  await new Promise((r) => setTimeout(r, 200))
  return { port, proc }
}

describe('profile timeouts', () => {
  it('connect timeout: a connection that never opens ends with HTTP_CONNECT_TIMEOUT, named as such', async () => {
    const { port, proc } = await blackHole()
    try {
      const http1 = await client({ connectTimeoutMs: 1000, requestTimeoutMs: 60_000 })
      const err = await http1.request({ url: `http://127.0.0.1:${port}/` }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'HTTP_CONNECT_TIMEOUT' })
      expect((err as Error).message).toMatch(/Could not connect to 127\.0\.0\.1:\d+ within 1 s/)
      http1.close()
    } finally {
      proc.kill()
    }
  })

  it('idle timeout: headers, then silence, ends with HTTP_TIMEOUT', async () => {
    const http1 = await client({ requestTimeoutMs: 1000 })
    const res = await http1.request({ url: `${url}/silent` })
    await expect(read(res)).rejects.toMatchObject({ code: 'HTTP_TIMEOUT' })
    http1.close()
  })

  it('total time limit: a body that never goes idle is ended at the deadline; without one it completes', async () => {
    const limited = await client({ requestTimeoutMs: 1000, totalTimeoutMs: 1000 })
    const res = await limited.request({ url: `${url}/trickle` })
    await expect(read(res)).rejects.toMatchObject({ code: 'HTTP_DEADLINE' })
    limited.close()

    const open = await client({ requestTimeoutMs: 1000 })
    expect(await read(await open.request({ url: `${url}/trickle` }))).toBe(39)
    open.close()
  })
})

describe('fixed OAuth redirect port', () => {
  it('listens on the port the provider has registered, and says so when it is taken', async () => {
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as AddressInfo).port
    await new Promise((r) => probe.close(r))

    const listener = await startLoopbackRedirect({ expectedState: 's', timeoutMs: 5000, port })
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${port}/callback`)
    const busy = await startLoopbackRedirect({ expectedState: 's', timeoutMs: 5000, port }).catch((e: unknown) => e)
    expect(busy).toMatchObject({ code: 'OAUTH_REDIRECT_PORT_BUSY' })
    listener.code.catch(() => undefined)
    await listener.close()
  })
})
