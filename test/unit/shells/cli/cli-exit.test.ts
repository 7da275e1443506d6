import { describe, expect, it } from 'vitest'
import { exitCodeFor } from '../../../../src-main/shells/cli/cli-exit'
import { progressLine } from '../../../../src-main/shells/cli/cli-progress'
import { EnvSecretFallback, envSecretVariable } from '../../../../src-main/platform/secrets/env-secret-fallback'
import { MemorySecretStore } from '../../../../src-main/platform/secrets'
import { applyProfileFlags } from '../../../../src-main/shells/cli/commands/profile-flags'
import { CLI_EXIT } from '../../../../contract/cli-output'

describe('CLI exit codes', () => {
  it.each([
    ['CLI_USAGE', CLI_EXIT.usage],
    ['VARIABLE_MISSING', CLI_EXIT.usage],
    ['RETS_AUTH_FAILED', CLI_EXIT.auth],
    ['HTTP_401', CLI_EXIT.auth],
    ['OAUTH_INVALID_CLIENT', CLI_EXIT.auth],
    ['RETS_20206', CLI_EXIT.refused],
    ['ODATA_400', CLI_EXIT.refused],
    ['HTTP_503', CLI_EXIT.refused],
    ['CANCELLED', CLI_EXIT.cancelled],
    ['EXPORT_WRITE_FAILED', CLI_EXIT.failed],
    ['HTTP_ECONNREFUSED', CLI_EXIT.failed]
  ])('%s → %i', (code, exit) => {
    expect(exitCodeFor({ code, message: 'x' })).toBe(exit)
  })
})

describe('progress line', () => {
  it('bar, count, rate and time left when the total is known', () => {
    const line = progressLine({
      jobId: 'j',
      kind: 'k',
      title: 't',
      state: 'running',
      done: 50,
      total: 200,
      unit: 'photos',
      rate: 10
    })
    expect(line).toBe('[######------------------] 50/200 photos 10 photos/s ETA 15s')
  })
})

describe('secrets from the environment', () => {
  it('names: MLSWB_SECRET_<PROFILE>_<NAME> in upper snake case', () => {
    expect(envSecretVariable('my-mls', 'password')).toBe('MLSWB_SECRET_MY_MLS_PASSWORD')
    expect(envSecretVariable('my-mls', 'uaPassword')).toBe('MLSWB_SECRET_MY_MLS_UA_PASSWORD')
  })

  it('are used only when the store has none, and say where each came from', async () => {
    const store = new MemorySecretStore()
    await store.set('a', 'password', 'from-keychain')
    const env = { MLSWB_SECRET_A_PASSWORD: 'from-env', MLSWB_SECRET_B_PASSWORD: 'b-env' }
    const s = new EnvSecretFallback(store, env, ['password', 'apiKey'])
    expect(await s.get('a', 'password')).toBe('from-keychain')
    expect(await s.get('b', 'password')).toBe('b-env')
    expect(await s.get('b', 'apiKey')).toBeUndefined()
    expect(await s.list('b')).toEqual(['password'])
    expect(await s.sourceOf('a', 'password')).toBe('store')
    expect(s.sourcesUsed()).toEqual([
      { profileId: 'a', name: 'password', source: 'store' },
      { profileId: 'b', name: 'password', source: 'env' }
    ])
  })
})

describe('profile flags', () => {
  it('map onto nested profile fields', () => {
    const p = applyProfileFlags(
      { kind: 'reso' },
      {
        'client-id': 'abc',
        scope: ['api', 'read'],
        'page-size': '200',
        header: ['X-Org: 7']
      }
    )
    expect(p).toEqual({
      kind: 'reso',
      oauth: { clientId: 'abc', scopes: ['api', 'read'] },
      limits: { pageSize: 200 },
      extraHeaders: { 'X-Org': '7' }
    })
  })
})
