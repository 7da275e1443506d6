// A RETS profile behind a proxy that asks for a login: the proxy user is in the profile, its password in the
// keychain; the app authenticates to the proxy, and a wrong password is the proxy's refusal, not a crash.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'

const PROXY_USER = 'corp\\jane'
const PROXY_PASSWORD = 'pr0xy:p@ss/word'

let h: Harness
let proxy: http.Server
const seen: string[] = []

beforeAll(async () => {
  h = await startHarness()
  // a forward proxy for plain http targets (absolute URI in the request line), Basic login required
  proxy = http.createServer((req, res) => {
    const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`
    seen.push(String(req.headers['proxy-authorization'] ?? ''))
    if (req.headers['proxy-authorization'] !== expected) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="corp"', 'Content-Type': 'text/plain' })
      res.end('Proxy login required')
      return
    }
    const { 'proxy-authorization': _auth, ...headers } = req.headers
    const upstream = http.request(req.url!, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()))
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  await h.call('profiles:save', {
    profile: {
      id: 'behind-proxy',
      name: 'Behind proxy',
      kind: 'rets',
      loginUrl: `${h.workbench.demo!.server.url}/rets/Login`,
      userName: 'demo',
      network: { proxyUrl, proxyUser: PROXY_USER }
    }
  })
  await h.call('secrets:set', { profileId: 'behind-proxy', name: 'password', value: 'demo-pass' })
})
afterAll(async () => {
  proxy?.closeAllConnections()
  await new Promise((r) => proxy?.close(r))
  await h?.close()
})

describe('a proxy that asks for a login', () => {
  it('is told who the user is, from the keychain', async () => {
    const missing = await h.fail('session:connect', { profileId: 'behind-proxy' })
    expect(missing.code).toBe('SECRET_MISSING')
    expect(missing.message).toContain('proxy password')

    await h.call('secrets:set', { profileId: 'behind-proxy', name: 'proxyPassword', value: PROXY_PASSWORD })
    const info = await h.call('session:connect', { profileId: 'behind-proxy' })
    expect(info.protocolVersion).toContain('1.7.2')
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((a) => a.startsWith('Basic '))).toBe(true)
    // nothing the renderer can read holds the password
    const wire = JSON.stringify(await h.call('wire:list', {}))
    expect(wire).not.toContain(PROXY_PASSWORD)
    expect(wire).not.toContain(encodeURIComponent(PROXY_PASSWORD))
    expect(JSON.stringify(await h.call('profiles:get', { profileId: 'behind-proxy' }))).not.toContain('p@ss')
  })

  it('a wrong proxy password ends in the proxy’s refusal', async () => {
    await h.call('secrets:set', { profileId: 'behind-proxy', name: 'proxyPassword', value: 'not-it' })
    const err = await h.fail('session:connect', { profileId: 'behind-proxy' })
    expect(err.code).toBe('HTTP_407')
    expect(err.hint).toMatch(/proxy user .* proxy password/)
    expect(JSON.stringify(err)).not.toContain('not-it')
  })
})
