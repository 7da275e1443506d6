// "Copy as curl / PowerShell / fetch": secrets become environment variables (never "[redacted]"), a RETS request
// logs in first with a cookie jar, and literals survive each shell's quoting (', `, $, newlines).
import { describe, expect, it } from 'vitest'
import { copyRequestAs } from '../../../../src-main/platform/http/copy-request'
import { quote } from '../../../../src-main/platform/http/copy-request/curl-script'
import { psQuote } from '../../../../src-main/platform/http/copy-request/powershell-script'
import type { WireEntry } from '../../../../src-main/platform/http/wire-log'
import { execFileSync } from 'node:child_process'

function entry(over: Partial<WireEntry>): WireEntry {
  return {
    id: 'w1',
    method: 'GET',
    url: 'http://mls.test/x',
    startedAt: '2026-01-01T00:00:00Z',
    requestHeaders: {},
    responseBytes: 0,
    bodyKept: true,
    complete: true,
    ...over
  }
}

const retsHeaders = { 'User-Agent': 'Acme/1.0', 'RETS-Version': 'RETS/1.7.2', Accept: '*/*' }
const login = entry({
  id: 'w1',
  url: 'http://mls.test/rets/Login',
  requestHeaders: { ...retsHeaders, Authorization: 'Digest [redacted]' }
})
const search = entry({
  id: 'w2',
  url: 'http://mls.test/rets/Search?SearchType=Property&Query=(A=1)',
  requestHeaders: {
    ...retsHeaders,
    Authorization: 'Digest [redacted]',
    Cookie: 'RETS-Session-ID=[redacted]',
    'RETS-UA-Authorization': 'Digest [redacted]'
  }
})

describe('RETS', () => {
  it('curl logs in with --digest and a cookie jar, then sends the request with the same jar', () => {
    const { text, variables } = copyRequestAs('curl', search, [login])
    expect(text).not.toContain('[redacted]')
    expect(variables).toEqual(['MLS_PASSWORD', 'MLS_UA_PASSWORD', 'MLS_USER'])
    expect(text).toMatch(/^# Secrets are not copied: set MLS_PASSWORD, MLS_UA_PASSWORD, MLS_USER/)
    const lines = text.trim().split('\n')
    const loginLine = lines.find((l) => l.includes('/rets/Login'))!
    expect(loginLine).toContain('--digest -u "$MLS_USER:$MLS_PASSWORD"')
    expect(loginLine).toContain('-c "$JAR" -b "$JAR"')
    const last = lines.at(-1)!
    expect(last).toContain("'http://mls.test/rets/Search?SearchType=Property&Query=(A=1)'")
    expect(last).toContain('-b "$JAR"')
    expect(last).toContain('"$SID"')
    expect(last).not.toMatch(/Cookie:/)
  })

  it('Basic login and no Login in the log: a guessed /rets/Login, said so', () => {
    const basic = entry({ url: 'http://mls.test/rets/GetMetadata', requestHeaders: { ...retsHeaders } })
    const other = entry({ url: 'http://other.test/rets/Login', requestHeaders: { Authorization: 'Basic [redacted]' } })
    const { text } = copyRequestAs('curl', basic, [other])
    expect(text).toContain('guess')
    expect(text).toContain("'http://mls.test/rets/Login'")
    const basicLogin = entry({
      url: 'http://mls.test/rets/Login',
      requestHeaders: { Authorization: 'Basic [redacted]' }
    })
    expect(copyRequestAs('curl', basic, [basicLogin]).text).toContain('--basic -u')
  })

  it('PowerShell: -Credential, a session variable, the UA digest from $env', () => {
    const { text } = copyRequestAs('powershell', search, [login])
    expect(text).not.toContain('[redacted]')
    expect(text).toContain('-SessionVariable mls')
    expect(text).toContain('-WebSession $mls')
    // plain http: PowerShell 7 sends credentials only when told to
    expect(text).toContain('-Credential $cred -AllowUnencryptedAuthentication')
    expect(text).toContain("('Acme/1.0:' + $env:MLS_UA_PASSWORD)")
    expect(text).toContain('$env:MLS_PASSWORD')
  })

  it('fetch: passes the login cookie on and says Digest falls back to Basic', () => {
    const { text } = copyRequestAs('fetch', search, [login])
    expect(text).not.toContain('[redacted]')
    expect(text).toContain('getSetCookie()')
    expect(text).toContain('Digest, which fetch cannot do')
    expect(text).toContain('process.env.MLS_PASSWORD')
  })
})

describe('tokens, keys and form secrets', () => {
  it('Bearer, api key and form password become $MLS_TOKEN, $MLS_API_KEY, $MLS_PASSWORD', () => {
    const e = entry({
      method: 'POST',
      url: 'https://api.test/v1?access_token=[redacted]&a=1',
      requestHeaders: { Authorization: 'Bearer [redacted]', 'X-Api-Key': '[redacted]' },
      requestBody: 'username=bob&password=[redacted]&grant_type=password'
    })
    const { text, variables } = copyRequestAs('curl', e, [])
    expect(variables).toEqual(['MLS_API_KEY', 'MLS_PASSWORD', 'MLS_TOKEN'])
    expect(text).toContain(`-H 'Authorization: Bearer '"$MLS_TOKEN"`)
    expect(text).toContain(`-H 'X-Api-Key: '"$MLS_API_KEY"`)
    expect(text).toContain(`--data-binary 'username=bob&password='"$MLS_PASSWORD"'&grant_type=password'`)
    expect(text).toContain(`'https://api.test/v1?access_token='"$MLS_TOKEN"'&a=1'`)
    const js = copyRequestAs('fetch', e, []).text
    expect(js).toContain('"Bearer " + process.env.MLS_TOKEN')
    const ps = copyRequestAs('powershell', e, []).text
    expect(ps).toContain("('Bearer ' + $env:MLS_TOKEN)")
  })
})

describe('quoting', () => {
  const nasty = `it's $HOME \`whoami\` "q" \\ ; & | $(id)\nnext`
  const e = entry({ method: 'POST', url: 'http://h.test/a', requestHeaders: { 'X-Note': nasty }, requestBody: nasty })

  it('curl: single quotes keep every character literal in a real POSIX shell', () => {
    expect(quote("it's")).toBe(`'it'\\''s'`)
    const echoed = execFileSync('sh', ['-c', `printf '%s' ${quote(nasty)}`]).toString()
    expect(echoed).toBe(nasty)
    expect(copyRequestAs('curl', e, []).text).toContain(`--data-binary ${quote(nasty)}`)
  })

  it('PowerShell: single quotes double, backtick and $ stay literal', () => {
    expect(psQuote("it's `x` $y")).toBe("'it''s `x` $y'")
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'")
    expect(copyRequestAs('powershell', e, []).text).toContain(`-Body ${psQuote(nasty)}`)
  })

  it('fetch: JS string literals that evaluate back to the value', () => {
    const text = copyRequestAs('fetch', e, []).text
    const body = /body: (".*")/.exec(text)![1]!
    expect(JSON.parse(body)).toBe(nasty)
  })
})
