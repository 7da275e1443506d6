import { describe, expect, it } from 'vitest'
import { TokenHolder } from '../../../../src-main/protocols/oauth/token-holder'
import type { ApiRequest, ApiTransport } from '../../../../src-main/protocols/json-api/api-transport'
import { MemorySecrets } from '../../../support/memory-secrets'

/** A token endpoint in a box: counts requests, answers with numbered tokens. */
function fakeTokenServer(): { transport: ApiTransport; requests: ApiRequest[] } {
  const requests: ApiRequest[] = []
  const reply = async (req: ApiRequest) => {
    requests.push(req)
    await new Promise((r) => setTimeout(r, 5))
    const n = requests.length
    const body = Buffer.from(
      JSON.stringify({ access_token: `access-${n}-xyz`, refresh_token: `refresh-${n}-xyz`, expires_in: 100 })
    )
    return { status: 200, headers: { 'content-type': 'application/json' }, url: req.url, body }
  }
  return {
    requests,
    transport: {
      request: reply,
      stream: async (req) => {
        const r = await reply(req)
        return {
          ...r,
          body: (async function* () {
            yield r.body
          })()
        }
      }
    }
  }
}

describe('TokenHolder', () => {
  it('uses a stored token without asking the server, with the scheme and extra headers', async () => {
    const { transport, requests } = fakeTokenServer()
    const holder = new TokenHolder(
      {
        flow: 'client_credentials',
        tokenUrl: 'http://as/token',
        clientId: 'c',
        scheme: 'OAuth',
        extraHeaders: { 'X-SparkApi-User-Agent': 'Workbench/1' }
      },
      { store: new MemorySecrets({ accessToken: 'stored-token-1' }), transport }
    )
    expect(await holder.authHeaders()).toEqual({
      'X-SparkApi-User-Agent': 'Workbench/1',
      authorization: 'OAuth stored-token-1'
    })
    expect(requests).toHaveLength(0)
  })

  it('concurrent callers share one grant; a refresh uses the refresh token and stores the new pair', async () => {
    const { transport, requests } = fakeTokenServer()
    const store = new MemorySecrets({ clientSecret: 'sec-ret-1' })
    let now = 1_000_000
    const holder = new TokenHolder(
      { flow: 'client_credentials', tokenUrl: 'http://as/token', clientId: 'c', refreshSkewMs: 10_000 },
      { store, transport, now: () => now }
    )
    const all = await Promise.all([holder.authHeaders(), holder.authHeaders(), holder.authHeaders()])
    expect(new Set(all.map((h) => h.authorization))).toEqual(new Set(['Bearer access-1-xyz']))
    expect(requests).toHaveLength(1)
    expect(new URLSearchParams(String(requests[0]!.body)).get('grant_type')).toBe('client_credentials')
    expect(requests[0]!.headers?.authorization).toBe(`Basic ${Buffer.from('c:sec-ret-1').toString('base64')}`)
    now += 95_000 // 5 s left, inside the 10 s skew
    expect((await holder.authHeaders()).authorization).toBe('Bearer access-2-xyz')
    expect(new URLSearchParams(String(requests[1]!.body)).get('refresh_token')).toBe('refresh-1-xyz')
    expect(store.values.get('accessToken')).toBe('access-2-xyz')
    expect(store.values.get('refreshToken')).toBe('refresh-2-xyz')
  })

  it('a restart knows when the stored token expires: a fresh one is used, an expired one is refreshed first', async () => {
    const { transport, requests } = fakeTokenServer()
    const store = new MemorySecrets({ clientSecret: 'sec-ret-1' })
    let now = 5_000_000
    const settings = { flow: 'client_credentials' as const, tokenUrl: 'http://as/token', clientId: 'c' }
    await new TokenHolder(settings, { store, transport, now: () => now }).authHeaders()
    expect(store.values.get('accessTokenExpiresAt')).toBe(String(5_000_000 + 100_000))

    // "restart" 10 s later: the stored token still has 90 s, no request
    now += 10_000
    const second = new TokenHolder(settings, { store, transport, now: () => now })
    expect((await second.authHeaders()).authorization).toBe('Bearer access-1-xyz')
    expect(requests).toHaveLength(1)

    // restart after it expired: the stored refresh token renews it before anything is sent with it
    now += 200_000
    const third = new TokenHolder(settings, { store, transport, now: () => now })
    expect((await third.authHeaders()).authorization).toBe('Bearer access-2-xyz')
    expect(new URLSearchParams(String(requests[1]!.body)).get('refresh_token')).toBe('refresh-1-xyz')
    expect(store.values.get('accessTokenExpiresAt')).toBe(String(now + 100_000))
  })

  it('authorization code without a browser asks for a sign-in; signOut forgets the tokens', async () => {
    const { transport } = fakeTokenServer()
    const store = new MemorySecrets({ accessToken: 'a-stored', refreshToken: 'r-stored' })
    const holder = new TokenHolder(
      { flow: 'authorization_code', tokenUrl: 'http://as/token', authorizeUrl: 'http://as/authorize', clientId: 'c' },
      { store, transport }
    )
    await holder.signOut()
    expect(store.values.size).toBe(0)
    await expect(holder.authHeaders()).rejects.toMatchObject({ code: 'OAUTH_SIGN_IN_REQUIRED' })
  })
})
