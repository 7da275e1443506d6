import { describe, expect, it } from 'vitest'
import { createPkcePair, pkceChallenge, randomState } from '../../../../src-main/protocols/oauth/pkce'
import { grantParams } from '../../../../src-main/protocols/oauth/grants'
import { parseTokenResponse } from '../../../../src-main/protocols/oauth/token-response'
import { buildAuthorizeUrl } from '../../../../src-main/protocols/oauth/authorization-code-flow'
import { startLoopbackRedirect } from '../../../../src-main/protocols/oauth/loopback-redirect'
import { redactor } from '../../../../src-main/platform/redaction/redactor'
import { AppError } from '../../../../contract/app-error'

describe('OAuth pieces', () => {
  it('PKCE S256 matches the RFC 7636 appendix B vector', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
    )
    const pair = createPkcePair()
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(pair.challenge).toBe(pkceChallenge(pair.verifier))
    expect(randomState()).not.toBe(randomState())
  })

  it('grant parameters per RFC 6749', () => {
    expect(grantParams({ type: 'password', username: 'u', password: 'p', scope: 's' })).toEqual({
      grant_type: 'password',
      username: 'u',
      password: 'p',
      scope: 's'
    })
    expect(grantParams({ type: 'refresh_token', refreshToken: 'r' })).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r'
    })
    expect(
      grantParams({ type: 'authorization_code', code: 'c', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v' })
    ).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: 'v'
    })
  })

  it('token responses register their secrets and map OAuth errors', () => {
    const t = parseTokenResponse(
      { access_token: 'acc-token-123', refresh_token: 'ref-token-456', expires_in: '60', token_type: 'Bearer' },
      0
    )
    expect(t).toEqual({
      accessToken: 'acc-token-123',
      refreshToken: 'ref-token-456',
      expiresAt: 60_000,
      expiresIn: 60,
      tokenType: 'Bearer'
    })
    expect(redactor.text('Authorization: Bearer acc-token-123 and ref-token-456')).not.toMatch(
      /acc-token-123|ref-token-456/
    )
    expect(() => parseTokenResponse({ error: 'invalid_grant', error_description: 'expired' })).toThrow(AppError)
    try {
      parseTokenResponse({ error: 'invalid_grant', error_description: 'expired' })
    } catch (e) {
      expect(e).toMatchObject({ code: 'OAUTH_INVALID_GRANT', message: 'invalid_grant: expired' })
      expect((e as AppError).hint).toMatch(/sign in again/)
    }
    expect(() => parseTokenResponse({ token_type: 'Bearer' })).toThrow(/access_token/)
  })

  it('authorize URL carries PKCE and state', () => {
    const url = new URL(
      buildAuthorizeUrl('http://as/authorize?tenant=1', {
        clientId: 'c',
        redirectUri: 'http://127.0.0.1:5/cb',
        state: 'st',
        challenge: 'ch',
        scope: 'odata'
      })
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: '1',
      response_type: 'code',
      client_id: 'c',
      redirect_uri: 'http://127.0.0.1:5/cb',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      scope: 'odata'
    })
  })

  it('loopback listener: wrong state is refused and the listener closes', async () => {
    const l = await startLoopbackRedirect({ expectedState: 'good', timeoutMs: 5000 })
    expect(l.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    const res = await fetch(`${l.redirectUri}?code=abc&state=evil`)
    expect(res.status).toBe(400)
    await expect(l.code).rejects.toMatchObject({ code: 'OAUTH_STATE_MISMATCH' })
    await l.close()
    await expect(fetch(l.redirectUri)).rejects.toThrow()
  })

  it('loopback listener: right state resolves the code; timeout rejects', async () => {
    const l = await startLoopbackRedirect({ expectedState: 's1', timeoutMs: 5000 })
    const res = await fetch(`${l.redirectUri}?code=the-code-1&state=s1`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Signed in')
    await expect(l.code).resolves.toBe('the-code-1')
    const slow = await startLoopbackRedirect({ expectedState: 's2', timeoutMs: 50 })
    await expect(slow.code).rejects.toMatchObject({ code: 'OAUTH_TIMEOUT' })
    await expect(fetch(slow.redirectUri)).rejects.toThrow()
  })
})
