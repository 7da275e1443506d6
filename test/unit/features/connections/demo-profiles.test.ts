import { describe, expect, it } from 'vitest'
import { DEMO_PROFILE_IDS, demoProfiles } from '../../../../src-main/features/connections/demo-profiles'
import { connectionProfileSchema } from '../../../../contract/profile-schema'
import { defaultUsers } from '../../../../demo-mls/demo-context'
import { summarizeProfiles } from '../../../../src-main/features/connections/profile-summary'
import { MemorySecretStore } from '../../../../src-main/platform/secrets/memory-secret-store'

const demoUser = defaultUsers.find((u) => u.username === 'demo')!

describe('demoProfiles', () => {
  const set = demoProfiles('http://127.0.0.1:40123', {
    rets: {
      userName: demoUser.username,
      password: demoUser.password,
      uaPassword: demoUser.uaPassword,
      userAgent: demoUser.userAgent
    },
    reso: { clientId: 'demo-client', clientSecret: 'demo-client-secret' },
    spark: { accessToken: 'demo-spark-token' },
    activityApiKey: 'demo-activity-key'
  })
  const byId = Object.fromEntries(set.profiles.map((p) => [p.id, p]))

  it('builds the five built-in profiles from the runtime base URL', () => {
    expect(set.profiles.map((p) => [p.id, p.kind, p.name])).toEqual([
      ['demo-rets', 'rets', 'Demo MLS (RETS)'],
      ['demo-idx', 'idx', 'Demo MLS (IDX API)'],
      ['demo-reso', 'reso', 'Demo MLS (RESO Web API)'],
      ['demo-spark', 'spark', 'Demo MLS (Spark)'],
      ['demo-activity', 'activity', 'Demo MLS (Listing Activity)']
    ])
    expect(byId['demo-rets']).toMatchObject({
      loginUrl: 'http://127.0.0.1:40123/rets/Login',
      userName: 'demo',
      userAgent: 'MLSWorkbench/1.0',
      authMethod: 'digest'
    })
    expect(byId['demo-reso']).toMatchObject({
      serviceUrl: 'http://127.0.0.1:40123/reso/odata',
      oauth: { grant: 'client_credentials', tokenUrl: 'http://127.0.0.1:40123/oauth/token', clientId: 'demo-client' }
    })
    expect(byId['demo-spark']).toMatchObject({
      apiUrl: 'http://127.0.0.1:40123/spark/v1',
      oauth: { grant: 'static', headerScheme: 'OAuth', tokenStyle: 'spark' }
    })
    expect(byId['demo-activity']).toMatchObject({
      trackingUrl: 'http://127.0.0.1:40123/tracking/v1/',
      retsProfileId: 'demo-rets'
    })
    for (const p of set.profiles) expect(connectionProfileSchema.safeParse(p).success).toBe(true)
  })

  it('returns the credentials as secrets beside the profiles, never inside them', () => {
    expect(set.secrets).toEqual({
      [DEMO_PROFILE_IDS.rets]: { password: 'demo-pass', uaPassword: 'demo-ua-pass' },
      [DEMO_PROFILE_IDS.idx]: { password: 'demo-pass' },
      [DEMO_PROFILE_IDS.reso]: { clientSecret: 'demo-client-secret' },
      [DEMO_PROFILE_IDS.spark]: { accessToken: 'demo-spark-token' },
      [DEMO_PROFILE_IDS.activity]: { apiKey: 'demo-activity-key' }
    })
    const json = JSON.stringify(set.profiles)
    for (const secret of ['demo-pass', 'demo-ua-pass', 'demo-client-secret', 'demo-spark-token', 'demo-activity-key']) {
      expect(json).not.toContain(secret)
    }
  })

  it('takes other mount paths when the demo server routes differ', () => {
    const other = demoProfiles(
      'http://127.0.0.1:9/',
      { rets: { userName: 'u', password: 'p' } },
      { retsLogin: '/r/login.asp', resoService: '/odata' }
    )
    expect(other.profiles.find((p) => p.id === 'demo-rets')).toMatchObject({
      loginUrl: 'http://127.0.0.1:9/r/login.asp'
    })
    expect(other.profiles.find((p) => p.id === 'demo-reso')).toMatchObject({ serviceUrl: 'http://127.0.0.1:9/odata' })
    expect(other.secrets['demo-rets']).toEqual({ password: 'p' })
  })
})

describe('summarizeProfiles', () => {
  it('gives the sidebar id, kind, URL and the NAMES of stored secrets', async () => {
    const { profiles, secrets } = demoProfiles('http://127.0.0.1:40123', {
      rets: { userName: 'demo', password: 'demo-pass' }
    })
    const store = new MemorySecretStore()
    for (const [id, values] of Object.entries(secrets))
      for (const [n, v] of Object.entries(values)) await store.set(id, n, v)
    const summaries = await summarizeProfiles(
      profiles.map((profile) => ({ profile, builtIn: true })),
      store
    )
    expect(summaries.map((s) => [s.id, s.url, s.storedSecrets])).toEqual([
      ['demo-rets', 'http://127.0.0.1:40123/rets/Login', ['password']],
      ['demo-idx', 'http://127.0.0.1:40123/idx/Login', ['password']],
      ['demo-reso', 'http://127.0.0.1:40123/reso/odata', []],
      ['demo-spark', 'http://127.0.0.1:40123/spark/v1', []],
      ['demo-activity', 'http://127.0.0.1:40123/tracking/v1/', []]
    ])
    expect(summaries[0]).toMatchObject({ name: 'Demo MLS (RETS)', kind: 'rets', builtin: true })
    expect(JSON.stringify(summaries)).not.toContain('demo-pass')
  })
})
