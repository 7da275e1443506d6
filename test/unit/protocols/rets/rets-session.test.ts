import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { startFakeRets, type FakeRets } from '../../../support/fake-rets-server'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'
import { retsFixtures } from '../../../support/http-dump'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { WireLog } from '../../../../src-main/platform/http/wire-log'
import { RetsSession, type RetsProfile } from '../../../../src-main/protocols/rets/rets-session'
import { uaAuthorization } from '../../../../src-main/protocols/rets/ua-auth'
import {
  parseWwwAuthenticate,
  DigestAuth,
  expectedDigestResponse
} from '../../../../src-main/protocols/rets/digest-auth'

let fake: FakeRets | undefined
let replay: ReplayServer | undefined
afterEach(async () => {
  await fake?.close()
  await replay?.close()
  fake = undefined
  replay = undefined
})

const profile = (f: FakeRets, extra: Partial<RetsProfile> = {}): RetsProfile => ({
  loginUrl: f.loginUrl,
  username: 'agent',
  password: 'pa55word!',
  userAgent: 'MLSWorkbench/0.1',
  retsVersion: '1.7.2',
  ...extra
})

describe('digest and UA-auth primitives', () => {
  it('computes the RFC 2617 example response', () => {
    // RFC 2617 §3.5: Mufasa / Circle Of Life
    const challenge = {
      realm: 'testrealm@host.com',
      qop: 'auth,auth-int',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41'
    }
    const auth = new DigestAuth('Mufasa', 'Circle Of Life', challenge, () => '0a4f113b')
    const header = auth.authorization('GET', '/dir/index.html')
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"')
    expect(header).toContain('nc=00000001')
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"')
    expect(auth.authorization('GET', '/dir/index.html')).toContain('nc=00000002')
  })

  it('UA-auth digest follows RETS 1.7.2 §3.10', () => {
    // a1 = md5("MLSWorkbench/0.1:uapw"); then md5(a1::sid:RETS/1.7.2)
    const v = uaAuthorization({
      userAgent: 'MLSWorkbench/0.1',
      uaPassword: 'uapw',
      sessionId: 'sid',
      retsVersion: 'RETS/1.7.2'
    })
    const md5 = (s: string) => createHash('md5').update(s).digest('hex')
    expect(v).toBe(`Digest ${md5(`${md5('MLSWorkbench/0.1:uapw')}::sid:RETS/1.7.2`)}`)
  })

  it('parses the IIS challenge from the estately cassette', () => {
    const c = parseWwwAuthenticate(
      'Digest realm="fake_realm",nonce="dfd74deac03147e1a4fff598679f1a80",opaque="8e5029c6-bb9c-4562-b440-e7c2b8960743",qop="auth"'
    )
    expect(c).toEqual([
      {
        scheme: 'digest',
        params: {
          realm: 'fake_realm',
          nonce: 'dfd74deac03147e1a4fff598679f1a80',
          opaque: '8e5029c6-bb9c-4562-b440-e7c2b8960743',
          qop: 'auth'
        }
      }
    ])
    expect(parseWwwAuthenticate(['Basic realm="x"', 'Digest realm="y", nonce="n"']).map((x) => x.scheme)).toEqual([
      'basic',
      'digest'
    ])
  })
})

describe('RetsSession against a local server', () => {
  it('digest login: uri is the exact request URI, nc counts, opaque echoed, cookies kept', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake), new HttpClient())
    const login = await session.login()
    expect(login.capabilities.Search).toBe(`${fake.url}/rets/search`)
    expect(login.body.extensions['X-ApiAccessSettings']).toBe('key=abc')
    expect(login.sessionId).toMatch(/^[0-9a-f]{12}$/)
    const res = await session.transaction('Search', {
      SearchType: 'Property',
      Class: 'RE',
      Query: '(ID=L1+),(Name=*)',
      Limit: '2'
    })
    expect(await res.text()).toContain('<DATA>\tL1\t')
    expect(fake.digestFailures).toEqual([])
    const searchReq = fake.requests[fake.requests.length - 1]!
    expect(searchReq.url).toBe('/rets/search?SearchType=Property&Class=RE&Query=(ID%3DL1%2B)%2C(Name%3D*)&Limit=2')
    expect(searchReq.headers.authorization).toContain(`uri="${searchReq.url}"`)
    expect(searchReq.headers.authorization).toContain('nc=00000002')
    expect(searchReq.headers.cookie).toBe(`RETS-Session-ID=${login.sessionId}`)
    expect(searchReq.headers['rets-version']).toBe('RETS/1.7.2')
    expect(searchReq.headers['user-agent']).toBe('MLSWorkbench/0.1')
  })

  it('UA-auth header is recomputed once RETS-Session-ID appears', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake, { uaPassword: 'ua-secret' }), new HttpClient())
    const login = await session.login()
    await (await session.transaction('Search', { SearchType: 'Property', Class: 'RE', Query: '(ID=*)' })).discard()
    const ua = (sid: string) =>
      uaAuthorization({
        userAgent: 'MLSWorkbench/0.1',
        uaPassword: 'ua-secret',
        sessionId: sid,
        retsVersion: 'RETS/1.7.2'
      })
    expect(fake.requests[0]!.headers['rets-ua-authorization']).toBe(ua(''))
    expect(fake.requests[fake.requests.length - 1]!.headers['rets-ua-authorization']).toBe(ua(login.sessionId!))
  })

  it('basic auth when the server challenges with Basic', async () => {
    fake = await startFakeRets({ auth: 'basic' })
    // plain http: 'auto' answers Basic only when the profile allows it (issue 17)
    const session = new RetsSession(profile(fake, { allowBasicOverHttp: true }), new HttpClient())
    await session.login()
    expect(fake.requests.map((r) => r.headers.authorization?.split(' ')[0] ?? null)).toEqual([null, 'Basic'])
  })

  it('POST profiles send parameters only in the body', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake, { method: 'POST' }), new HttpClient())
    await session.login()
    await (await session.transaction('Search', { SearchType: 'Property', Class: 'RE', Query: '(ID=*)' })).discard()
    const last = fake.requests[fake.requests.length - 1]!
    expect(last.method).toBe('POST')
    expect(last.url).toBe('/rets/search')
    expect(last.body).toBe('SearchType=Property&Class=RE&Query=(ID%3D*)')
    expect(last.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })

  it('ReplyCode 20037 mid-session: logs in again once and retries', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake), new HttpClient())
    await session.login()
    fake.expireOnce()
    const res = await session.transaction('Search', {
      SearchType: 'Property',
      Class: 'RE',
      Query: '(ID=*)',
      Limit: '1'
    })
    expect(await res.text()).toContain('L1')
    expect(session.relogins).toBe(1)
    expect(fake.logins).toBe(2)
  })

  it('HTTP 401 after login (session dropped): one re-login and retry', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake), new HttpClient())
    await session.login()
    fake.dropSession()
    const res = await session.transaction('Search', {
      SearchType: 'Property',
      Class: 'RE',
      Query: '(ID=*)',
      Limit: '1'
    })
    expect(res.status).toBe(200)
    expect(fake.logins).toBe(2)
  })

  it('wrong password: RETS_AUTH_FAILED with a hint, password never in the wire log', async () => {
    fake = await startFakeRets()
    const log = new WireLog()
    const session = new RetsSession(profile(fake, { password: 'wrong-password-1' }), new HttpClient({ wireLog: log }))
    const refusal = (await session.login().catch((e: unknown) => e)) as Error
    expect(refusal).toMatchObject({ code: 'RETS_AUTH_FAILED' })
    // the request is named (its URL redacted), the password is not
    expect(refusal.message).toContain(`HTTP 401 to GET ${profile(fake).loginUrl}`)
    expect(refusal.message).not.toContain('wrong-password-1')
    const dump =
      JSON.stringify(log.list()) +
      log
        .list()
        .map((e) => log.copyAs(e.id, 'curl')!.text)
        .join('\n')
    expect(dump).not.toContain('wrong-password-1')
    expect(dump).toContain('Digest [redacted]')
    expect(dump).toContain('--digest -u "$MLS_USER:$MLS_PASSWORD"')
  })

  it('a login refused by a RETS reply code names the request', async () => {
    replay = await startReplayServer(() => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from('<RETS ReplyCode="20036" ReplyText="Account disabled"></RETS>')
    }))
    const session = new RetsSession(
      {
        loginUrl: `${replay.url}/Login.asmx/Login?token=s3cret`,
        username: 'u',
        password: 'p',
        userAgent: 'T/1',
        retsVersion: '1.7.2',
        allowBasicOverHttp: true
      },
      new HttpClient()
    )
    const refusal = (await session.login().catch((e: unknown) => e)) as Error
    expect(refusal).toMatchObject({ code: 'RETS_20036' })
    expect(refusal.message).toMatch(
      /^Account disabled Request: GET http:\/\/127\.0\.0\.1:\d+\/Login\.asmx\/Login\?token=/
    )
    expect(refusal.message).not.toContain('s3cret')
  })

  it('logout tolerates an HTML reply', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake), new HttpClient())
    await session.login()
    const out = await session.logout()
    expect(out.reply).toBeUndefined()
    expect(out.message).toBe('Bye')
    expect(session.loggedIn).toBe(false)
  })

  it('estately cassette: IIS "Digest Session Invalid Reauthenticate" 401 → re-login → object bytes', async () => {
    const cassette = readFileSync(
      path.join(retsFixtures, 'estately-rets/test/vcr_cassettes/unauthorized_response.yml'),
      'utf8'
    )
    const jpeg = Buffer.from(/!binary \|-\s+(\S+)/.exec(cassette)![1]!, 'base64')
    let nonce = 'dfd74deac03147e1a4fff598679f1a80'
    let loggedInSession = ''
    let loginCount = 0
    const challenge = (body: string) => ({
      status: 401,
      headers: {
        'www-authenticate': `Digest realm="fake_realm",nonce="${nonce}",opaque="aee1e7da-60eb-41b3-b704-8eb3969645fd",qop="auth"`,
        'content-type': 'text/plain'
      },
      body: Buffer.from(body)
    })
    replay = await startReplayServer((req) => {
      const auth = parseWwwAuthenticate(req.headers.authorization)[0]
      const valid =
        auth &&
        auth.params.nonce === nonce &&
        auth.params.uri === req.url &&
        auth.params.response === expectedDigestResponse(auth.params, 'pw', req.method)
      if (req.url.startsWith('/Login.asmx')) {
        if (!valid) return challenge('Unauthorized Request. Authentication needed')
        loginCount++
        loggedInSession = `s${loginCount}`
        return {
          status: 200,
          headers: {
            'content-type': 'text/xml',
            'set-cookie': [
              `ASP.NET_SessionId=${loggedInSession}; path=/; HttpOnly`,
              `RETS-Session-ID=${loggedInSession}; path=/`
            ]
          },
          body: Buffer.from(
            '<?xml version="1.0" encoding="utf-8"?>\r\n<RETS ReplyCode="0" ReplyText="Success.">\r\n  <RETS-RESPONSE>\r\nGetObject=/GetObject.asmx/GetObject\r\nLogout=/Logout.asmx/Logout\r\n</RETS-RESPONSE>\r\n</RETS>'
          )
        }
      }
      // the server dropped the session: every GetObject before a fresh login is refused with a new nonce
      if (!valid || loginCount < 2 || !String(req.headers.cookie).includes(`ASP.NET_SessionId=${loggedInSession}`)) {
        nonce = `n${Math.random().toString(16).slice(2)}`
        return challenge('Unauthorized Request. Digest Session Invalid Reauthenticate')
      }
      return {
        status: 200,
        headers: { 'content-type': 'image/jpeg', 'content-id': '2661580', 'object-id': '1' },
        body: jpeg
      }
    })
    const session = new RetsSession(
      {
        loginUrl: `${replay.url}/Login.asmx/Login`,
        username: 'login',
        password: 'pw',
        userAgent: 'Estately/1.0',
        retsVersion: '1.7.2',
        method: 'POST'
      },
      new HttpClient()
    )
    await session.login()
    const res = await session.transaction('GetObject', {
      Resource: 'Property',
      Type: 'Photo',
      ID: '2661580:1',
      Location: '0'
    })
    expect(res.status).toBe(200)
    expect((await res.buffer()).equals(jpeg)).toBe(true)
    expect(session.relogins).toBe(1)
    expect(replay.requests.filter((r) => r.url.startsWith('/GetObject')).at(-1)!.body).toBe(
      'Resource=Property&Type=Photo&ID=2661580%3A1&Location=0'
    )
  })
})

describe('concurrent transactions on an expired session', () => {
  it('share one re-login', async () => {
    fake = await startFakeRets()
    const session = new RetsSession(profile(fake), new HttpClient())
    await session.login()
    fake.dropSession()
    const results = await Promise.all(
      [1, 2, 3].map(async (n) =>
        (
          await session.transaction('Search', {
            SearchType: 'Property',
            Class: 'RE',
            Query: '(ID=*)',
            Limit: String(n)
          })
        ).text()
      )
    )
    expect(results.every((t) => t.includes('<DATA>\tL1\t'))).toBe(true)
    expect(fake.logins).toBe(2)
    expect(session.relogins).toBe(1)
  })
})
