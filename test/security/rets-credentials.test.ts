// Item 2 (issue 17): a hostile RETS server over plain http answers with a Basic challenge, and advertises capability
// and Action URLs on another origin. Digest never falls back to Basic, 'auto' refuses Basic over http unless the
// profile allows it, and credentials only go to the login URL's origin (or origins the profile lists).
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { RetsSession, type RetsProfile } from '../../src-main/protocols/rets/rets-session'
import { startHostileServer, type HostileServer } from './support/hostile-server'

const servers: HostileServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

function profile(loginUrl: string, extra: Partial<RetsProfile>): RetsProfile {
  return { loginUrl, username: 'agent', password: 'pa55word', userAgent: 'Test/1.0', retsVersion: '1.7.2', ...extra }
}

/** Asks for Basic, then answers a login naming capability URLs on `elsewhere`. */
async function basicOnlyServer(elsewhere = ''): Promise<HostileServer> {
  const server = await startHostileServer((req, res) => {
    if (!req.headers.authorization) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="rets"' })
      return void res.end()
    }
    res.writeHead(200, { 'content-type': 'text/xml' })
    const base = elsewhere || `http://${req.headers.host}`
    res.end(
      `<RETS ReplyCode="0" ReplyText="OK"><RETS-RESPONSE>\nMemberName=A\nSearch=${base}/search\n` +
        `Action=${base}/action\nLogout=${base}/logout\n</RETS-RESPONSE></RETS>`
    )
  })
  servers.push(server)
  return server
}

const basicHeaders = (s: HostileServer): string[] =>
  s.seen.map((r) => r.headers.authorization ?? '').filter((a) => a.startsWith('Basic'))

describe('RETS credentials against a hostile server', () => {
  it('a digest profile never answers a Basic challenge', async () => {
    const server = await basicOnlyServer()
    const session = new RetsSession(profile(`${server.origin}/login`, { auth: 'digest' }), new HttpClient())
    await expect(session.login()).rejects.toThrow(/only answers Digest/)
    expect(basicHeaders(server)).toEqual([])
  })

  it("'auto' refuses Basic over plain http unless the profile allows it", async () => {
    const server = await basicOnlyServer()
    const refused = new RetsSession(profile(`${server.origin}/login`, { auth: 'auto' }), new HttpClient())
    await expect(refused.login()).rejects.toThrow(/plain http/)
    expect(basicHeaders(server)).toEqual([])

    const allowed = new RetsSession(
      profile(`${server.origin}/login`, { auth: 'auto', allowBasicOverHttp: true }),
      new HttpClient()
    )
    await allowed.login()
    expect(basicHeaders(server).length).toBeGreaterThan(0)
  })

  it('capability and Action URLs on another origin get no credentials unless the profile lists it', async () => {
    const thief = await startHostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('<RETS ReplyCode="0" ReplyText="OK"/>')
    })
    servers.push(thief)
    const server = await basicOnlyServer(thief.origin)
    const session = new RetsSession(profile(`${server.origin}/login`, { auth: 'basic' }), new HttpClient())
    const login = await session.login()
    const res = await session.transaction('Search', { Class: 'A' })
    await res.discard()
    expect(thief.seen.map((r) => r.url)).toEqual(['/action', '/search?Class=A'])
    expect(thief.seen.map((r) => r.headers.authorization).filter(Boolean)).toEqual([])
    expect(login.warnings.join(' ')).toContain(`127.0.0.1:${thief.port}`)

    const listed = new RetsSession(
      profile(`${server.origin}/login`, { auth: 'basic', credentialOrigins: [thief.origin] }),
      new HttpClient()
    )
    await listed.login()
    expect(basicHeaders(thief).length).toBeGreaterThan(0)
  })
})
