import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { flexmls, libretsNet, libretsTest, readDump, readFixture, terradatum } from '../../../support/http-dump'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'
import { loginInfoValue, parseLoginBody, resolveCapabilityUrl } from '../../../../src-main/protocols/rets/login-body'
import { decodeRetsBody } from '../../../../src-main/protocols/rets/rets-response'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { HttpClient } from '../../../../src-main/platform/http/http-client'

const JSESSION = '920CEBEF13981C01505A0FB4FDBB9783'
const flexGet = (dir: string, f: string) => path.join(flexmls, 'get/retsgw.flexmls.com', dir, f)
const bodyOf = (file: string) => {
  const d = readDump(file)
  return parseLoginBody(decodeRetsBody(d.body, String(d.headers['content-type'] ?? '')).text)
}

describe('login captures', () => {
  it('flexmls 1.7.2: relative capability URLs, X- extensions, timestamps', () => {
    const body = bodyOf(flexGet('rets2_1_Login', 'aaae3d614d1660701f3d7508efb11004.txt'))
    expect(body.reply).toMatchObject({ replyCode: 0, replyText: 'Success' })
    expect(body.capabilities).toEqual({
      Login: '/rets2_1/Login',
      Search: '/rets2_1/Search',
      GetMetadata: '/rets2_1/GetMetadata',
      GetObject: '/rets2_1/GetObject',
      Logout: '/rets2_1/Logout'
    })
    expect(body.extensions).toEqual({
      'X-SampleLinks': '/rets2_1/Links',
      'X-SupportSite': 'http://flexmls.com/rets/',
      'X-NotificationFeed': 'http://retsgw.flexmls.com/atom/feed/private/atom.xml'
    })
    expect(loginInfoValue(body, 'MetadataVersion')).toBe('01.03.32190')
    expect(loginInfoValue(body, 'metadatatimestamp')).toBe('2014-09-09T02:44:18Z')
    expect(resolveCapabilityUrl(body.capabilities.Search!, 'http://retsgw.flexmls.com/rets2_1/Login')).toBe(
      'http://retsgw.flexmls.com/rets2_1/Search'
    )
  })

  it('flexmls 1.5: MinMetadataVersion and X-ApiAccessSettings', () => {
    const body = bodyOf(flexGet('rets2_1_Login', 'e053c8fc90ca621443437db0a2f963d1.txt'))
    expect(loginInfoValue(body, 'MinMetadataVersion')).toBe('01.03.63047')
    expect(loginInfoValue(body, 'User')).toBe('demomls.rets.phrets,MEMBER,1,20140914184132431197000000')
    expect(body.extensions['X-ApiAccessSettings']).toBe('/rets2_1/API')
  })

  it('flexmls POST login (x-encoded-content-encoding) parses the same way', () => {
    const body = bodyOf(
      path.join(flexmls, 'post/retsgw.flexmls.com/rets2_1_Login/57b9c3a515cb43d1141653c3f1395981.txt')
    )
    expect(Object.keys(body.capabilities).sort()).toEqual(['GetMetadata', 'GetObject', 'Login', 'Logout', 'Search'])
    expect(body.extensions['X-ApiAccessSettings']).toBeDefined()
  })

  it('flexmls limited login: only Login, Search, Logout', () => {
    const body = bodyOf(flexGet('limited_rets2_1_Login', 'd848b86daf1f828cdf637404afc72626.txt'))
    expect(Object.keys(body.capabilities).sort()).toEqual(['Login', 'Logout', 'Search'])
  })

  it('RETS 1.0 MRIS login without RETS-RESPONSE, absolute URLs on :6103', () => {
    const body = parseLoginBody(readFixture(path.join(libretsTest, 'login-valid10.xml')).toString('latin1'))
    expect(body.capabilities.Search).toBe('http://cornerstone.mris.com:6103/platinum/search')
    expect(Object.keys(body.capabilities)).toHaveLength(6)
    expect(loginInfoValue(body, 'MemberName')).toBe('Elizabeth A Davis')
    expect(loginInfoValue(body, 'OfficeList')).toBe('MRIS;1')
  })

  it('RETS 1.5 with spaces around =, comma balance, relative Search, X-Field', () => {
    const body = parseLoginBody(readFixture(path.join(libretsTest, 'login-valid15.xml')).toString('latin1'))
    expect(loginInfoValue(body, 'Balance')).toBe('3,197.35')
    expect(loginInfoValue(body, 'Broker')).toBe('')
    expect(loginInfoValue(body, 'Expr')).toBe('01 Jan 2000 01:03:00 GMT, 5')
    expect(body.extensions).toEqual({ 'X-Field': 'Value' })
    expect(Object.keys(body.capabilities)).toHaveLength(10)
    const login = 'http://example.com:6103/rets/login'
    expect(resolveCapabilityUrl(body.capabilities.Search!, login)).toBe('http://example.com:6103/rets/search')
    expect(resolveCapabilityUrl(body.capabilities.Action!, login)).toBe('http://example.com:6103/rets/action')
  })

  it('RETS 1.8 Info=NAME;TYPE;VALUE lines and GetPayloadList', () => {
    const body = parseLoginBody(readFixture(path.join(libretsTest, 'login-valid18.xml')).toString('utf8'))
    expect(body.info['userid']).toEqual({ name: 'USERID', type: 'Character', value: '1002284553' })
    expect(body.info['metadatatimestamp']).toEqual({
      name: 'METADATATIMESTAMP',
      type: 'DateTime',
      value: 'Sat, 01 Jan 2000 01:02:00 GMT'
    })
    expect(body.info['balance']!.value).toBe('balance')
    expect(body.capabilities.GetPayloadList).toBeDefined()
    expect(Object.keys(body.capabilities)).toHaveLength(11)
  })

  it('CRIS login with empty ReplyText and session id in the URL path', () => {
    const body = parseLoginBody(readFixture(path.join(libretsTest, 'login-cris.xml')).toString('latin1'))
    expect(body.reply).toMatchObject({ replyCode: 0, replyText: '' })
    expect(body.capabilities.Search).toBe(
      'http://rets.crisnetmls.com:6103/cgi-bin/WebObjects/RETS.woa/12/wa/RETSTransactionHandler/search'
    )
    expect(loginInfoValue(body, 'TimeoutSeconds')).toBe('900')
  })

  it('Variman test-network login (HTTP dump): host-less relative URLs', () => {
    const body = bodyOf(path.join(libretsNet, 'login'))
    expect(body.capabilities.Update).toBe('/rets/Update')
    expect(resolveCapabilityUrl(body.capabilities.GetObject!, 'http://localhost:6103/rets/login')).toBe(
      'http://localhost:6103/rets/getObject'
    )
    expect(loginInfoValue(body, 'Balance')).toBe('186,252.09')
  })

  it('lower-case keys still map to canonical capability names', () => {
    const body = parseLoginBody(readFixture(path.join(terradatum, 'login_lower_case.xml')).toString('latin1'))
    expect(body.capabilities.GetObject).toBe('http://rets.test:6103/getObjectEx')
    expect(body.capabilities.GetMetadata).toBe('http://rets.test:6103/getMetadata')
    expect(loginInfoValue(body, 'MemberName')).toBe('Joe T. Schmoe')
  })

  it('hybrid 1.7/1.8 Trestle login: Info lines with empty TYPE override plain keys', () => {
    const body = parseLoginBody(readFixture(path.join(terradatum, 'login_valid17_18.xml')).toString('latin1'))
    expect(body.info['membername']).toEqual({ name: 'MemberName', type: 'Character', value: 'Jane W. Schmoe' })
    expect(body.info['timeoutseconds']).toEqual({ name: 'TimeoutSeconds', value: '70' })
    expect(body.info['serverproductname']!.value).toBe('Trestle')
    expect(body.capabilities.Action).toBe('http://rets.test:6103/get')
  })

  it('Trestle 1.8 login: 15 Info items', () => {
    const body = parseLoginBody(readFixture(path.join(terradatum, 'login_valid18.xml')).toString('latin1'))
    expect(Object.keys(body.info)).toHaveLength(15)
    expect(body.info['metadataid']!.value).toBe('Trestle_Elastic-12')
  })

  it('logout captures: flexmls (ReplyText first), Tarasoft (bare text), terradatum (no key=value)', () => {
    const flex = decodeRetsBody(
      readDump(flexGet('rets2_1_Logout', '18f6b7bfb97630b9cdbfd8af1b817310.txt')).body,
      'text/xml'
    )
    expect(flex.reply).toMatchObject({ replyCode: 0, replyText: 'Logout Successful' })
    expect(loginInfoValue(parseLoginBody(flex.text), 'SignOffMessage')).toBe('Good Bye')
    const tara = decodeRetsBody(readFixture(path.join(libretsTest, 'logout-tarasoft.xml')), undefined)
    expect(tara.reply).toMatchObject({ replyCode: 0, replyText: 'Operation Success.' })
    const terra = parseLoginBody(readFixture(path.join(terradatum, 'logout_no_equals.xml')).toString('latin1'))
    expect(terra.reply?.replyCode).toBe(0)
    expect(Object.keys(terra.info)).toHaveLength(0)
  })
})

describe('RetsSession replaying flexmls captures', () => {
  let server: ReplayServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('logs in, resolves capabilities against the login URL and GETs the Action URL', async () => {
    const login = readDump(flexGet('action_rets2_1_Login', '03cd0f6cb206f18aed8f4979939a9482.txt'))
    const action = readDump(flexGet('action_rets2_1_Action', 'd5d441322368e5c2ad059621979b0d88.txt'))
    const logout = readDump(flexGet('rets2_1_Logout', '18f6b7bfb97630b9cdbfd8af1b817310.txt'))
    server = await startReplayServer((req) =>
      req.url.includes('Action') ? action : req.url.includes('Logout') ? logout : login
    )
    const session = new RetsSession(
      {
        loginUrl: `${server.url}/action/rets2_1/Login`,
        username: 'demo',
        password: 'secret-pw',
        userAgent: 'Test/1.0',
        retsVersion: '1.7.2'
      },
      new HttpClient()
    )
    const result = await session.login()
    expect(result.serverVersion).toBe('RETS/1.7.2')
    expect(result.actionText).toBe('You have found an Action!')
    expect(result.capabilities.Search).toBe(`${server.url}/action/rets2_1/Search`)
    expect(session.http.cookies.get('JSESSIONID')).toBe(JSESSION)
    expect(server.requests.map((r) => r.url)).toEqual(['/action/rets2_1/Login', '/action/rets2_1/Action'])
    expect(server.requests[0]!.headers['rets-version']).toBe('RETS/1.7.2')
    // the capture's cookie has Path=/rets2_1, which does not cover /action/rets2_1/Action (RFC 6265 path match)
    expect(server.requests[1]!.headers['cookie']).toBeUndefined()
    const out = await session.logout()
    expect(out.reply).toMatchObject({ replyCode: 0, replyText: 'Logout Successful' })
    expect(out.message).toContain('SignOffMessage=Good Bye')
    expect(session.loggedIn).toBe(false)
  })
})
