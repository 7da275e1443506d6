import { writeFileSync } from 'node:fs'
import path from 'node:path'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../../support/workbench-harness'
import { startForwardProxy } from '../../support/forward-proxy'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function freePort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  const port = (srv.address() as net.AddressInfo).port
  await new Promise((r) => srv.close(r))
  return port
}

describe('Test connection', () => {
  it('walks URL, DNS, TCP, HTTP and login for the Demo MLS', async () => {
    const steps = await h.call('profiles:test', { profileId: 'demo-rets' })
    expect(steps.map((s) => [s.step, s.ok])).toEqual([
      ['url', true],
      ['dns', true],
      ['tcp', true],
      ['http', true],
      ['auth', true],
      ['metadata', true]
    ])
    expect(steps[3]!.detail).toMatch(/HTTP 401.*Digest/)
    expect(steps[4]!.detail).toMatch(/Logged in \(RETS\/1\.7\.2/)
  })

  it('stops at TCP with a hint when nothing listens', async () => {
    const port = await freePort()
    await h.call('profiles:save', {
      profile: {
        id: 'closed-port',
        name: 'Closed port',
        kind: 'rets',
        loginUrl: `http://127.0.0.1:${port}/rets/Login`,
        userName: 'x'
      }
    })
    const steps = await h.call('profiles:test', { profileId: 'closed-port' })
    expect(steps.at(-1)).toMatchObject({ step: 'tcp', ok: false })
    expect(steps.at(-1)!.hint).toMatch(/Nothing listens on port/)
  })

  it('reports the server’s refusal at the login step', async () => {
    const demo = h.workbench.demo!.server.url
    await h.call('profiles:save', {
      profile: { id: 'bad-login', name: 'Bad login', kind: 'rets', loginUrl: `${demo}/rets/Login`, userName: 'demo' }
    })
    await h.call('secrets:set', { profileId: 'bad-login', name: 'password', value: 'not-the-password' })
    const steps = await h.call('profiles:test', { profileId: 'bad-login' })
    const auth = steps.at(-1)!
    expect(auth).toMatchObject({ step: 'auth', ok: false })
    expect(auth.detail).not.toContain('not-the-password')
    expect(auth.hint).toBeTruthy()
  })

  it('behind a proxy, the HTTP step goes through the proxy, as the login does', async () => {
    // a host only the proxy can reach (.invalid never resolves here)
    const proxy = await startForwardProxy({ hosts: { 'mls.behind-proxy.invalid': h.workbench.demo!.server.url } })
    try {
      const loginUrl = 'http://mls.behind-proxy.invalid/rets/Login'
      await h.call('profiles:save', {
        profile: {
          id: 'via-proxy',
          name: 'Via proxy',
          kind: 'rets',
          loginUrl,
          userName: 'demo',
          network: { proxyUrl: proxy.url }
        }
      })
      await h.call('secrets:set', { profileId: 'via-proxy', name: 'password', value: 'demo-pass' })
      const steps = await h.call('profiles:test', { profileId: 'via-proxy' })
      expect(steps.map((s) => [s.step, s.ok])).toEqual([
        ['url', true],
        ['http', true],
        ['auth', true],
        ['metadata', true]
      ])
      expect(steps[1]!.detail).toMatch(/HTTP 401.*Digest/)
      // the unauthenticated probe first, then the login
      expect(proxy.seen[0]).toMatchObject({ method: 'GET', url: loginUrl })
      expect(proxy.seen[0]!.headers.authorization).toBeUndefined()
      expect(proxy.seen.some((r) => r.headers.authorization?.startsWith('Digest '))).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it('a pasted access token drops the expiry of the token it replaces', async () => {
    const demo = h.workbench.demo!.server.url
    await h.call('profiles:save', {
      profile: {
        id: 'static-reso',
        name: 'Static RESO',
        kind: 'reso',
        serviceUrl: `${demo}/Reso/OData/`,
        oauth: { grant: 'static' }
      }
    })
    await h.workbench.secrets.set('static-reso', 'accessTokenExpiresAt', '1000')
    await h.call('secrets:set', { profileId: 'static-reso', name: 'accessToken', value: 'pasted-token-123' })
    expect(await h.workbench.secrets.list('static-reso')).toEqual(['accessToken'])
  })
})

describe('profile files changed on disk', () => {
  it('are announced to the renderer and listed', async () => {
    const h2 = await startHarness()
    const events: string[] = []
    const stop = h2.workbench.hub.subscribe((event, payload) => {
      if (event === 'folder:changed') events.push((payload as { folder: string }).folder)
    })
    const file = path.join(h2.userDataDir, 'profiles', 'from-git.json')
    writeFileSync(
      file,
      JSON.stringify({
        id: 'from-git',
        name: 'From git',
        kind: 'rets',
        loginUrl: 'http://mls.example/rets/Login',
        userName: 'u'
      })
    )
    await expect.poll(() => events, { timeout: 3000 }).toContain('profiles')
    expect((await h2.call('profiles:list', {})).map((p) => p.id)).toContain('from-git')
    stop()
    await h2.close()
  })
})
