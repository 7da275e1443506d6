import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { tokenRegistryFor } from '../../../demo-mls/oauth/token-registry'
import { TokenHolder } from '../../../src-main/protocols/oauth/token-holder'
import type { AuthSettings } from '../../../src-main/protocols/oauth/auth-settings'
import { runAuthorizationCodeFlow } from '../../../src-main/protocols/oauth/authorization-code-flow'
import { requestSparkGrant } from '../../../src-main/protocols/oauth/spark-grant'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../../src-main/protocols/json-api/http-client-transport'
import { redactor } from '../../../src-main/platform/redaction/redactor'
import { MemorySecrets } from '../../support/memory-secrets'
import { consentBrowser } from '../../support/consent-browser'

// the app's one HTTP stack, without a profile's proxy or wire log
const plainTransport = httpClientTransport(new HttpClient())

let mls: DemoMls
beforeAll(async () => {
  mls = await startDemoMls({ listings: 50 })
})
afterAll(async () => {
  await mls.close()
})

async function serviceStatus(headers: Record<string, string>): Promise<number> {
  return (await fetch(`${mls.url}/Reso/OData/`, { headers })).status
}

function settings(extra: Partial<AuthSettings>): AuthSettings {
  return { flow: 'client_credentials', tokenUrl: `${mls.url}/oauth/token`, clientId: 'workbench', ...extra }
}

describe('OAuth2 against the Demo MLS', () => {
  it('client credentials (HTTP Basic client auth): token stored, registered with the redactor, accepted', async () => {
    const store = new MemorySecrets({ clientSecret: 'workbench-secret' })
    const holder = new TokenHolder(settings({}), { store, transport: plainTransport })
    const headers = await holder.authHeaders()
    expect(headers.authorization).toMatch(/^Bearer at_/)
    expect(await serviceStatus(headers)).toBe(200)
    const token = store.values.get('accessToken')!
    expect(headers.authorization).toBe(`Bearer ${token}`)
    expect(redactor.text(`token=${token}; Authorization: ${headers.authorization}`)).not.toContain(token)
    expect(redactor.text('client workbench-secret')).not.toContain('workbench-secret')
  })

  it('wrong client secret → OAUTH_INVALID_CLIENT with a hint', async () => {
    const holder = new TokenHolder(settings({ clientAuth: 'body' }), {
      store: new MemorySecrets({ clientSecret: 'nope' }),
      transport: plainTransport
    })
    await expect(holder.authHeaders()).rejects.toMatchObject({
      code: 'OAUTH_INVALID_CLIENT',
      hint: expect.stringMatching(/client secret/)
    })
  })

  it('password grant (client auth in the body) gives a refresh token; expiry triggers a refresh before use', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    reg.accessTtlSeconds = 2
    try {
      const store = new MemorySecrets({ clientSecret: 'workbench-secret', password: 'demo-pass' })
      let now = Date.now()
      const holder = new TokenHolder(
        settings({ flow: 'password', username: 'demo', clientAuth: 'body', refreshSkewMs: 1000 }),
        {
          store,
          transport: plainTransport,
          now: () => now
        }
      )
      const first = await holder.authHeaders()
      const refreshBefore = reg.issued.refresh_token ?? 0
      expect(store.values.get('refreshToken')).toMatch(/^rt_/)
      now += 1500 // inside the skew: the holder must refresh before sending
      const second = await holder.authHeaders()
      expect(second.authorization).not.toBe(first.authorization)
      expect(reg.issued.refresh_token).toBe(refreshBefore + 1)
      expect(await serviceStatus(second)).toBe(200)
    } finally {
      reg.accessTtlSeconds = 3600
    }
  })

  it('a token the server refuses is renewed exactly once (401)', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    const holder = new TokenHolder(settings({}), {
      store: new MemorySecrets({ clientSecret: 'workbench-secret' }),
      transport: plainTransport
    })
    await holder.authHeaders()
    reg.expireAll()
    const before = reg.issued.client_credentials ?? 0
    let attempts = 0
    const status = await holder.send(
      async (h) => {
        attempts++
        return serviceStatus(h)
      },
      (s) => s === 401
    )
    expect(status).toBe(200)
    expect(attempts).toBe(2)
    expect(reg.issued.client_credentials).toBe(before + 1)
  })

  it('static bearer token: used as is, never renewed, OAuth scheme honoured', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    const issued = reg.issue(mls.ctx.findUser('demo')!, 'workbench', 'manual', false)
    const holder = new TokenHolder(
      { flow: 'static', scheme: 'OAuth' },
      { store: new MemorySecrets({ accessToken: String(issued.access_token) }), transport: plainTransport }
    )
    const headers = await holder.authHeaders()
    expect(headers.authorization).toBe(`OAuth ${String(issued.access_token)}`)
    expect(await serviceStatus(headers)).toBe(200)
    reg.expireAll()
    let attempts = 0
    const status = await holder.send(
      async (h) => (attempts++, serviceStatus(h)),
      (s) => s === 401
    )
    expect(status).toBe(401)
    expect(attempts).toBe(1)
  })

  it('authorization code + PKCE, end to end through the consent page and the loopback listener', async () => {
    const visited: string[] = []
    const store = new MemorySecrets({ clientSecret: 'workbench-secret' })
    const holder = new TokenHolder(
      settings({ flow: 'authorization_code', authorizeUrl: `${mls.url}/oauth/authorize`, scope: 'odata' }),
      {
        store,
        transport: plainTransport,
        openBrowser: consentBrowser({ username: 'demo', password: 'demo-pass' }, visited)
      }
    )
    const token = await holder.signIn()
    expect(token.refreshToken).toMatch(/^rt_/)
    const authorize = new URL(visited[0]!)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    const redirect = new URL(visited[1]!)
    expect(redirect.hostname).toBe('127.0.0.1')
    expect(redirect.searchParams.get('state')).toBe(authorize.searchParams.get('state'))
    expect(await serviceStatus(await holder.authHeaders())).toBe(200)
    // the listener is closed after use
    await expect(fetch(`${redirect.origin}${redirect.pathname}`)).rejects.toThrow()
  })

  it('authorization code: a denied consent ends the flow with access_denied', async () => {
    await expect(
      runAuthorizationCodeFlow(plainTransport, {
        authorizeUrl: `${mls.url}/oauth/authorize`,
        tokenUrl: `${mls.url}/oauth/token`,
        clientId: 'workbench',
        clientSecret: 'workbench-secret',
        openBrowser: consentBrowser({ username: 'demo', password: 'demo-pass', decision: 'deny' }),
        timeoutMs: 5000
      })
    ).rejects.toMatchObject({ code: 'OAUTH_ACCESS_DENIED' })
  })

  it('Spark flavour: the code is exchanged as JSON at /v1/oauth2/grant, then refreshed there', async () => {
    const token = await runAuthorizationCodeFlow(plainTransport, {
      authorizeUrl: `${mls.url}/oauth/authorize`,
      tokenUrl: `${mls.url}/v1/oauth2/grant`,
      tokenStyle: 'spark',
      clientId: 'workbench',
      clientSecret: 'workbench-secret',
      openBrowser: consentBrowser({ username: 'demo', password: 'demo-pass' }),
      timeoutMs: 5000
    })
    expect(token.accessToken).toMatch(/^at_/)
    const refreshed = await requestSparkGrant(plainTransport, `${mls.url}/v1/oauth2/grant`, {
      clientId: 'workbench',
      clientSecret: 'workbench-secret',
      grant: { type: 'refresh_token', refreshToken: token.refreshToken!, redirectUri: 'http://127.0.0.1/cb' }
    })
    expect(refreshed.accessToken).not.toBe(token.accessToken)
    // refresh tokens rotate: the old one is spent
    await expect(
      requestSparkGrant(plainTransport, `${mls.url}/v1/oauth2/grant`, {
        clientId: 'workbench',
        clientSecret: 'workbench-secret',
        grant: { type: 'refresh_token', refreshToken: token.refreshToken! }
      })
    ).rejects.toMatchObject({ code: 'OAUTH_INVALID_GRANT' })
  })

  it('PKCE is enforced by the server: a wrong verifier is refused', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    const code = reg.newCode({
      user: mls.ctx.findUser('demo')!,
      clientId: 'workbench',
      redirectUri: 'http://127.0.0.1:9/cb',
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      method: 'S256'
    })
    const res = await fetch(`${mls.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:9/cb',
        client_id: 'workbench',
        code_verifier: 'wrong-verifier-wrong-verifier-wrong-verifier'
      })
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' })
  })
})

describe('Demo MLS web-api switches', () => {
  it('POST /admin/web-api shortens the token TTL and sets throttling; GET reads them back', async () => {
    const reg = tokenRegistryFor(mls.ctx)
    try {
      const set = await fetch(`${mls.url}/admin/web-api`, {
        method: 'POST',
        body: JSON.stringify({ accessTtlSeconds: 5, maxPageSize: 7, lookupStyle: 'string', bogus: 1 })
      })
      expect(await set.json()).toMatchObject({ accessTtlSeconds: 5, maxPageSize: 7, lookupStyle: 'string' })
      const token = await fetch(`${mls.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'workbench',
          client_secret: 'workbench-secret'
        })
      })
      expect(((await token.json()) as { expires_in: number }).expires_in).toBe(5)
      expect(await (await fetch(`${mls.url}/admin/web-api`)).json()).toMatchObject({
        accessTtlSeconds: 5,
        maxPageSize: 7
      })
    } finally {
      await fetch(`${mls.url}/admin/web-api`, {
        method: 'POST',
        body: JSON.stringify({ accessTtlSeconds: 3600, maxPageSize: 200, lookupStyle: 'enum' })
      })
    }
    expect(reg.accessTtlSeconds).toBe(3600)
  })
})
