import { describe, expect, it } from 'vitest'
import { CookieJar } from '../../../../src-main/platform/http/cookie-jar'

describe('CookieJar', () => {
  it('matches host, path, expiry, domain and Secure', () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const jar = new CookieJar(() => now)
    jar.setFromResponse('http://rets.example.com/rets2_1/Login', [
      'JSESSIONID=ABC; Path=/rets2_1',
      'RETS-Session-ID=xyz; Path=/; Max-Age=60',
      'Old=1; Expires=Wed, 01 Jan 2020 00:00:00 GMT',
      'Wide=w; Domain=.example.com; Path=/',
      'Evil=e; Domain=other.com',
      'Sec=s; Secure; Path=/',
      'Q="quoted"; Path=/'
    ])
    expect(jar.cookieHeader('http://rets.example.com/rets2_1/Search?x=1')).toBe(
      'JSESSIONID=ABC; RETS-Session-ID=xyz; Wide=w; Q=quoted'
    )
    expect(jar.cookieHeader('http://rets.example.com/rets2_10')).toBe('RETS-Session-ID=xyz; Wide=w; Q=quoted')
    expect(jar.cookieHeader('https://rets.example.com/')).toContain('Sec=s')
    expect(jar.cookieHeader('http://media.example.com/')).toBe('Wide=w')
    expect(jar.get('rets-session-id')).toBe('xyz')
    now += 61_000
    expect(jar.get('RETS-Session-ID')).toBeUndefined()
    jar.setCookie('http://rets.example.com/', 'JSESSIONID=NEW; Path=/rets2_1')
    expect(jar.get('JSESSIONID')).toBe('NEW')
    expect(jar.all().filter((c) => c.name === 'JSESSIONID')).toHaveLength(1)
    jar.clear()
    expect(jar.cookieHeader('http://rets.example.com/rets2_1/')).toBeUndefined()
  })
})
