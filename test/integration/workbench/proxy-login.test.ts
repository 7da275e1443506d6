// A RETS profile behind a proxy that asks for a login: the proxy user is in the profile, its password in the
// keychain; the app authenticates to the proxy, and a wrong password is the proxy's refusal, not a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'
import { startForwardProxy, type ForwardProxy } from '../../support/forward-proxy'

const PROXY_USER = 'corp\\jane'
const PROXY_PASSWORD = 'pr0xy:p@ss/word'

let h: Harness
let proxy: ForwardProxy

beforeAll(async () => {
  h = await startHarness()
  proxy = await startForwardProxy({ login: { user: PROXY_USER, password: PROXY_PASSWORD } })
  await h.call('profiles:save', {
    profile: {
      id: 'behind-proxy',
      name: 'Behind proxy',
      kind: 'rets',
      loginUrl: `${h.workbench.demo!.server.url}/rets/Login`,
      userName: 'demo',
      network: { proxyUrl: proxy.url, proxyUser: PROXY_USER }
    }
  })
  await h.call('secrets:set', { profileId: 'behind-proxy', name: 'password', value: 'demo-pass' })
})
afterAll(async () => {
  await proxy?.close()
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
    const seen = proxy.seen.map((r) => String(r.headers['proxy-authorization'] ?? ''))
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
