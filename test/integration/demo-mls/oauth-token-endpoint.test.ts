// The Demo MLS token endpoint against RFC 6749 over real HTTP: the scope actually granted (§3.3), the caching headers
// and the Basic challenge of token replies (§5.1, §5.2), and refresh by a public PKCE client (§6, RFC 7636).
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'

let mls: DemoMls

beforeAll(async () => {
  mls = await startDemoMls({ listings: 50 })
})
afterAll(async () => {
  await mls.close()
})

interface TokenReply {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

async function token(form: Record<string, string>, basic?: [string, string]): Promise<TokenReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`
  const r = await fetch(`${mls.url}/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(form) })
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> }
}

const confidential = { client_id: 'workbench', client_secret: 'workbench-secret' }

async function statusWith(accessToken: unknown, path: string): Promise<number> {
  const r = await fetch(`${mls.url}${path}`, {
    headers: { Authorization: `Bearer ${String(accessToken)}`, 'X-SparkApi-User-Agent': 'DemoTest' }
  })
  await r.arrayBuffer()
  return r.status
}

describe('OAuth scope', () => {
  it('grants the requested subset, says what it granted, and the APIs honour it', async () => {
    const odataOnly = await token({ grant_type: 'client_credentials', scope: 'odata', ...confidential })
    expect(odataOnly.status).toBe(200)
    expect(odataOnly.body.scope).toBe('odata')
    expect(await statusWith(odataOnly.body.access_token, '/Reso/OData/Property?$top=1')).toBe(200)
    expect(await statusWith(odataOnly.body.access_token, '/v1/listings')).toBe(403)

    const sparkAndUnknown = await token({
      grant_type: 'client_credentials',
      scope: 'spark offline_access',
      ...confidential
    })
    expect(sparkAndUnknown.body.scope).toBe('spark')
    expect(await statusWith(sparkAndUnknown.body.access_token, '/v1/listings')).toBe(200)
    const refused = await fetch(`${mls.url}/Reso/OData/Property?$top=1`, {
      headers: { Authorization: `Bearer ${String(sparkAndUnknown.body.access_token)}` }
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/)

    const nothingKnown = await token({ grant_type: 'client_credentials', scope: 'admin', ...confidential })
    expect(nothingKnown.status).toBe(400)
    expect(nothingKnown.body.error).toBe('invalid_scope')

    const defaults = await token({ grant_type: 'password', username: 'demo', password: 'demo-pass', ...confidential })
    expect(defaults.body.scope).toBe('odata spark')
    // a refresh may narrow the scope, never widen it (RFC 6749 §6)
    const narrowed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(defaults.body.refresh_token),
      scope: 'odata',
      ...confidential
    })
    expect(narrowed.body.scope).toBe('odata')
    const widened = await token({
      grant_type: 'refresh_token',
      refresh_token: String(narrowed.body.refresh_token),
      scope: 'odata spark',
      ...confidential
    })
    expect(widened.status).toBe(400)
    expect(widened.body.error).toBe('invalid_scope')
  })
})

describe('token endpoint replies', () => {
  it('are never cached, and a failed Basic client authentication is challenged', async () => {
    const ok = await token({ grant_type: 'client_credentials', ...confidential })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(ok.headers.get('pragma')).toBe('no-cache')

    const badGrant = await token({ grant_type: 'password', username: 'demo', password: 'wrong', ...confidential })
    expect(badGrant.status).toBe(400)
    expect(badGrant.headers.get('cache-control')).toBe('no-store')

    const badBasic = await token({ grant_type: 'client_credentials' }, ['workbench', 'not-the-secret'])
    expect(badBasic.status).toBe(401)
    expect(badBasic.body.error).toBe('invalid_client')
    expect(badBasic.headers.get('www-authenticate')).toMatch(/^Basic realm="/)
    expect(badBasic.headers.get('cache-control')).toBe('no-store')
  })
})

describe('public clients (authorization code + PKCE, no secret)', () => {
  async function code(challenge: string): Promise<string> {
    const r = await fetch(`${mls.url}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'workbench',
        redirect_uri: 'http://127.0.0.1:9/callback',
        state: 's1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        username: 'demo',
        password: 'demo-pass',
        decision: 'allow'
      })
    })
    expect(r.status).toBe(302)
    return new URL(r.headers.get('location') ?? '').searchParams.get('code') ?? ''
  }

  it('refresh with their client_id alone; a confidential client still needs its secret', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const issued = await token({
      grant_type: 'authorization_code',
      code: await code(challenge),
      redirect_uri: 'http://127.0.0.1:9/callback',
      code_verifier: verifier,
      client_id: 'workbench'
    })
    expect(issued.status).toBe(200)
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(issued.body.refresh_token),
      client_id: 'workbench'
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.access_token).toMatch(/^at_/)
    expect(await statusWith(refreshed.body.access_token, '/Reso/OData/Property?$top=1')).toBe(200)

    const confidentialGrant = await token({
      grant_type: 'password',
      username: 'demo',
      password: 'demo-pass',
      ...confidential
    })
    const withoutSecret = await token({
      grant_type: 'refresh_token',
      refresh_token: String(confidentialGrant.body.refresh_token),
      client_id: 'workbench'
    })
    expect(withoutSecret.status).toBe(401)
    expect(withoutSecret.body.error).toBe('invalid_client')
  })
})
