import { describe, expect, it } from 'vitest'
import { connectionProfileSchema, type ConnectionProfileInput } from '../../../../contract/profile-schema'
import { KINDS, SECRET_NAMES } from '../../../../contract/kinds'
import { parseProfile, validateProfile } from '../../../../src-main/features/connections/profile-validation'

const rets: ConnectionProfileInput = {
  id: 'my-mls',
  name: 'My MLS',
  kind: 'rets',
  loginUrl: 'https://rets.example.com/rets/login',
  userName: 'agent7'
}

function issues(input: unknown): Array<{ path: string; message: string }> {
  const r = validateProfile(input)
  if (r.ok) throw new Error('expected the profile to be invalid')
  return r.issues
}

describe('connection profile schema', () => {
  it('fills in RETS defaults', () => {
    expect(parseProfile(rets)).toEqual({
      id: 'my-mls',
      name: 'My MLS',
      kind: 'rets',
      userAgent: 'MLSWorkbench/1.0',
      network: { connectTimeoutMs: 15_000, requestTimeoutMs: 120_000 },
      loginUrl: 'https://rets.example.com/rets/login',
      userName: 'agent7',
      retsVersion: '1.7.2',
      httpMethod: 'GET',
      authMethod: 'auto',
      limits: { pageSize: 2500 }
    })
  })

  it('accepts every per-kind option', () => {
    const full = parseProfile({
      ...rets,
      retsVersion: '1.8',
      httpMethod: 'POST',
      authMethod: 'digest',
      userAgent: 'Vendor/2.1',
      uaProductName: 'Vendor',
      extraHeaders: { 'X-Trace': 'on' },
      network: {
        proxyUrl: 'http://proxy.local:3128',
        caFile: '/etc/ssl/corp.pem',
        connectTimeoutMs: 5000,
        requestTimeoutMs: 60_000
      },
      limits: { pageSize: 5000, maxRecords: 20_000 }
    })
    expect(full).toMatchObject({
      retsVersion: '1.8',
      uaProductName: 'Vendor',
      limits: { pageSize: 5000, maxRecords: 20_000 }
    })
    const reso = parseProfile({
      id: 'trestle',
      name: 'Trestle',
      kind: 'reso',
      serviceUrl: 'https://api-trestle.corelogic.com/trestle/odata',
      oauth: {
        grant: 'authorization_code',
        tokenUrl: 'https://auth.example/token',
        authorizeUrl: 'https://auth.example/authorize',
        clientId: 'abc',
        scopes: ['api', 'offline_access'],
        redirectPort: 53682,
        headerScheme: 'Bearer'
      },
      enumLiterals: 'string'
    })
    expect(reso).toMatchObject({
      enumLiterals: 'string',
      limits: { pageSize: 1000 },
      oauth: { clientAuth: 'basic', tokenStyle: 'rfc6749', redirectPort: 53682 }
    })
    const spark = parseProfile({
      id: 's',
      name: 'Spark',
      kind: 'spark',
      apiUrl: 'https://sparkapi.com/v1',
      oauth: { grant: 'static', headerScheme: 'OAuth' }
    })
    expect(spark).toMatchObject({ limits: { pageSize: 25 }, oauth: { grant: 'static', headerScheme: 'OAuth' } })
    expect(
      parseProfile({ id: 'i', name: 'IDX', kind: 'idx', loginUrl: 'https://idx.example/Login', userName: 'u' })
    ).toMatchObject({ limits: { pageSize: 100 } })
    expect(
      parseProfile({
        id: 'a',
        name: 'Activity',
        kind: 'activity',
        trackingUrl: 'https://retsgw.flexmls.com/tracking/v1/'
      })
    ).toMatchObject({ kind: 'activity' })
  })

  it('rejects secret values in a profile, at the top and nested, with a message that says why', () => {
    for (const key of ['password', 'uaPassword', 'apiKey', 'client_secret', 'token']) {
      const found = issues({ ...rets, [key]: 'hunter2' })
      expect(found).toEqual([
        {
          path: key,
          message: 'looks like a secret; profiles never hold secret values (they are kept in the secret store)'
        }
      ])
    }
    const nested = issues({
      id: 'r',
      name: 'R',
      kind: 'reso',
      serviceUrl: 'https://x.example/odata',
      oauth: { grant: 'client_credentials', tokenUrl: 'https://x.example/t', clientId: 'c', clientSecret: 's3' }
    })
    expect(nested).toEqual([
      { path: 'oauth.clientSecret', message: expect.stringContaining('profiles never hold secret values') }
    ])
    expect(() => parseProfile({ ...rets, password: 'hunter2' })).toThrow(
      expect.objectContaining({ code: 'PROFILE_INVALID', hint: expect.stringContaining('keychain') })
    )
  })

  it('rejects credential headers and unknown keys', () => {
    expect(issues({ ...rets, extraHeaders: { Authorization: 'Bearer abc' } })).toEqual([
      {
        path: 'extraHeaders.Authorization',
        message: '"Authorization" carries credentials; those are kept in the secret store, not the profile'
      }
    ])
    expect(issues({ ...rets, extraHeaders: { 'bad header': 'x' } })[0]?.path).toBe('extraHeaders.bad header')
    expect(issues({ ...rets, colour: 'blue' })).toEqual([{ path: 'colour', message: 'is not a known profile field' }])
  })

  it('rejects bad URLs: not a URL, not http(s), credentials inside, fragments', () => {
    expect(issues({ ...rets, loginUrl: 'rets.example.com/login' })).toEqual([
      { path: 'loginUrl', message: '"rets.example.com/login" is not a URL' }
    ])
    expect(issues({ ...rets, loginUrl: 'ftp://rets.example.com/login' })[0]?.message).toBe(
      'must be an http:// or https:// URL, not ftp:'
    )
    expect(issues({ ...rets, loginUrl: 'https://agent:secret@rets.example.com/login' })[0]?.message).toContain(
      'must not contain a user name or password'
    )
    expect(issues({ ...rets, loginUrl: 'https://rets.example.com/login#x' })[0]?.message).toBe(
      'must not contain a #fragment'
    )
    expect(issues({ ...rets, network: { proxyUrl: 'http://u:p@proxy:3128' } })[0]?.path).toBe('network.proxyUrl')
    expect(issues({ ...rets, network: { caFile: 'relative/ca.pem' } })[0]).toEqual({
      path: 'network.caFile',
      message: 'must be an absolute path'
    })
  })

  it('rejects unknown kinds and bad enum values', () => {
    expect(issues({ ...rets, kind: 'ftp' })).toEqual([
      { path: 'kind', message: 'must be one of rets, reso, spark, idx, activity' }
    ])
    expect(issues({ ...rets, retsVersion: '2.0' })[0]?.path).toBe('retsVersion')
    expect(issues({ ...rets, authMethod: 'ntlm' })[0]?.path).toBe('authMethod')
    expect(issues({ ...rets, limits: { pageSize: 0 } })[0]?.path).toBe('limits.pageSize')
    expect(issues({ ...rets, id: 'Has Spaces' })[0]).toEqual({
      path: 'id',
      message: 'must be a lower-case slug (a-z, 0-9, -)'
    })
  })

  it('checks the fields each OAuth grant needs', () => {
    const reso = { id: 'r', name: 'R', kind: 'reso', serviceUrl: 'https://x.example/odata' }
    expect(issues({ ...reso, oauth: { grant: 'client_credentials' } }).map((i) => i.path)).toEqual([
      'oauth.tokenUrl',
      'oauth.clientId'
    ])
    expect(
      issues({ ...reso, oauth: { grant: 'authorization_code', tokenUrl: 'https://x.example/t', clientId: 'c' } })
    ).toEqual([{ path: 'oauth.authorizeUrl', message: 'is required for the authorization_code grant' }])
    expect(issues({ ...reso, oauth: { grant: 'password', tokenUrl: 'https://x.example/t' } })).toEqual([
      { path: 'userName', message: 'is required for the password grant' }
    ])
    expect(validateProfile({ ...reso, oauth: { grant: 'static' } }).ok).toBe(true)
  })

  it('declares the secret names per kind, all from the one list', () => {
    expect(KINDS.rets.secrets).toEqual(['password', 'uaPassword', 'proxyPassword', 'postgresPassword'])
    expect(KINDS.activity.secrets).toEqual(['apiKey', 'proxyPassword'])
    expect(KINDS.reso.secrets).toEqual([
      'clientSecret',
      'accessToken',
      'accessTokenExpiresAt',
      'refreshToken',
      'password',
      'proxyPassword',
      'postgresPassword'
    ])
    for (const names of Object.values(KINDS).map((k) => k.secrets))
      for (const n of names) expect(SECRET_NAMES).toContain(n)
  })

  it('is a discriminated union the IPC layer can use directly', () => {
    expect(connectionProfileSchema.safeParse(rets).success).toBe(true)
    expect(connectionProfileSchema.safeParse({ ...rets, password: 'x' }).success).toBe(false)
  })
})

describe('sync settings', () => {
  it('takes a PostgreSQL connection string for the shared store, never with a password in it', () => {
    const base = { kind: 'rets', id: 'p1', name: 'P', loginUrl: 'https://mls.example/rets/Login', userName: 'u' }
    const ok = connectionProfileSchema.safeParse({
      ...base,
      sync: { store: 'postgres', postgresUrl: 'postgresql://sync@db/mls' }
    })
    expect(ok.success).toBe(true)
    const leaky = connectionProfileSchema.safeParse({
      ...base,
      sync: { store: 'postgres', postgresUrl: 'postgresql://sync:hunter2@db/mls' }
    })
    expect(leaky.success).toBe(false)
    expect(JSON.stringify(leaky.error?.issues)).toMatch(/keychain/)
    const inQuery = connectionProfileSchema.safeParse({
      ...base,
      sync: { store: 'postgres', postgresUrl: 'postgresql://sync@db/mls?sslmode=require&password=hunter2' }
    })
    expect(JSON.stringify(inQuery.error?.issues)).toMatch(/keychain/)
  })

  it('needs the connection string when the store is PostgreSQL, not for SQLite', () => {
    const base = { kind: 'spark', id: 'p1', name: 'P', apiUrl: 'https://sparkapi.com', oauth: { grant: 'static' } }
    const missing = connectionProfileSchema.safeParse({ ...base, sync: { store: 'postgres' } })
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['sync.postgresUrl'])
    expect(connectionProfileSchema.safeParse({ ...base, sync: { store: 'sqlite' } }).success).toBe(true)
  })
})
