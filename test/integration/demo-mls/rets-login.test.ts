// RETS Login / session behaviour of the Demo MLS over real HTTP: digest and basic, UA-auth, 1.5 / 1.8 login
// bodies, idle timeout (20037 or 401), concurrent-login limit, Action and Logout.
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { DemoMlsOptions } from '../../../demo-mls/demo-context'
import { TestRetsClient, parseChallenge, replyCodeOf } from '../../support/demo-rets-client'

let mls: DemoMls | undefined
afterEach(async () => {
  await mls?.close()
  mls = undefined
})

async function start(opts: Partial<DemoMlsOptions> = {}): Promise<DemoMls> {
  mls = await startDemoMls({ listings: 50, ...opts })
  return mls
}

const demo = { username: 'demo', password: 'demo-pass' }

describe('RETS login', () => {
  it('challenges with Digest qop=auth + opaque, then logs in and sets RETS-Session-ID', async () => {
    const { url } = await start()
    const first = await fetch(`${url}/rets/Login`)
    expect(first.status).toBe(401)
    const challenge = parseChallenge(first.headers.get('www-authenticate') ?? '')
    expect(challenge).toMatchObject({ realm: 'Demo MLS RETS', qop: 'auth' })
    expect(challenge.nonce?.length).toBeGreaterThan(10)
    expect(challenge.opaque).toMatch(/^[0-9a-f]{32}$/)

    const client = new TestRetsClient(url, demo)
    const reply = await client.login()
    expect(reply.status).toBe(200)
    expect(reply.headers.get('rets-version')).toBe('RETS/1.7.2')
    expect(replyCodeOf(reply.text)).toBe(0)
    expect(client.sessionId).toMatch(/^[0-9A-F]{24}$/)
    // relative capability URLs, CRLF lines, the Listing Activity capability and an absolute X- URL
    expect(reply.text).toContain('\r\nSearch=/rets/Search\r\n')
    expect(reply.text).toContain('X-ApiAccessSettings=/rets/API')
    expect(reply.text).toContain(`X-SupportSite=${url}/admin`)
    expect(reply.text).toContain('Action=/rets/Action')
    expect(reply.text).toContain('MetadataVersion=01.00.00001')
  })

  it('rejects a wrong password and a digest whose uri= is not the request URI', async () => {
    const { url } = await start()
    const bad = new TestRetsClient(url, { username: 'demo', password: 'nope' })
    expect((await bad.login()).status).toBe(401)

    const good = new TestRetsClient(url, demo)
    await good.login()
    // a digest computed for another URI must fail even with the right password
    const r = await fetch(`${url}/rets/Search?SearchType=Property`, {
      headers: { Authorization: good.authHeader('GET', '/rets/Login') ?? '' }
    })
    expect(r.status).toBe(401)
    expect(await r.text()).toContain('does not match the request')
  })

  it('accepts Basic when configured and refuses Digest-less access to transactions', async () => {
    const { url } = await start({ auth: 'basic' })
    const first = await fetch(`${url}/rets/Login`)
    expect(first.headers.get('www-authenticate')).toBe('Basic realm="Demo MLS RETS"')
    const client = new TestRetsClient(url, { ...demo, basic: true })
    expect(replyCodeOf((await client.login()).text)).toBe(0)
    const noAuth = await fetch(`${url}/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0`)
    expect(noAuth.status).toBe(401)
  })

  it('checks RETS-UA-Authorization when required (login uses an empty session id, later calls the cookie)', async () => {
    const { url } = await start({ requireUaAuth: true })
    const withoutUa = new TestRetsClient(url, demo)
    const r1 = await withoutUa.login()
    expect(r1.status).toBe(401)
    expect(r1.text).toContain('missing RETS-UA-Authorization')

    const wrongUa = new TestRetsClient(url, { ...demo, userAgent: 'MLSWorkbench/1.0', uaPassword: 'wrong' })
    expect((await wrongUa.login()).status).toBe(401)

    const client = new TestRetsClient(url, { ...demo, userAgent: 'MLSWorkbench/1.0', uaPassword: 'demo-ua-pass' })
    expect(replyCodeOf((await client.login()).text)).toBe(0)
    const meta = await client.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0&Format=COMPACT')
    expect(replyCodeOf(meta.text)).toBe(0)
  })

  it('speaks the RETS 1.8 Info= and RETS 1.5 login shapes', async () => {
    const { url } = await start({ retsVersion: '1.8', sessionTimeoutSeconds: 600 })
    const r18 = await new TestRetsClient(url, demo).login()
    expect(r18.headers.get('rets-version')).toBe('RETS/1.8')
    expect(r18.text).toContain('Info=USERID;Character;demo')
    expect(r18.text).toContain('Info=METADATAVERSION;Character;01.00.00001')
    expect(r18.text).toContain('Info=TimeoutSeconds;Int;600')
    await mls?.close()
    const { url: url15 } = await start({ retsVersion: '1.5' })
    const r15 = await new TestRetsClient(url15, demo).login()
    expect(r15.text).toContain('MinMetadataVersion=01.00.00001')
    expect(r15.text).not.toContain('MetadataTimestamp')
  })

  it('expires idle sessions with ReplyCode 20037, or with a fresh 401 challenge', async () => {
    const m = await start({ sessionTimeoutSeconds: 60 })
    const client = new TestRetsClient(m.url, demo)
    await client.login()
    m.ctx.sessions.age(120)
    const expired = await client.request('/rets/Search?SearchType=Property&Class=A&Query=(LIST_1=*)', { noAuth: true })
    expect(replyCodeOf(expired.text)).toBe(20037)
    await m.close()

    const m2 = await start({ sessionTimeoutSeconds: 60, sessionExpiredReply: '401' })
    const c2 = new TestRetsClient(m2.url, demo)
    await c2.login()
    m2.ctx.sessions.age(120)
    const r = await c2.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0', { noAuth: true })
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toMatch(/^Digest /)
  })

  it('limits concurrent logins and frees the slot on Logout', async () => {
    const { url } = await start({ maxConcurrentLogins: 1 })
    const a = new TestRetsClient(url, demo)
    const b = new TestRetsClient(url, demo)
    expect(replyCodeOf((await a.login()).text)).toBe(0)
    const refused = await b.login()
    expect(replyCodeOf(refused.text)).toBe(20036)
    expect(refused.text).toContain('Too many concurrent sessions')

    const action = await a.request('/rets/Action')
    expect(action.text).toContain('Action page')
    const out = await a.request('/rets/Logout')
    expect(out.text).toContain('SignOffMessage=Goodbye')
    expect(replyCodeOf((await b.login()).text)).toBe(0)
  })
})
