// The Demo MLS runs inside the app on a random loopback port, so a first start works with no credentials. Its
// users and OAuth clients become the read-only "Demo MLS" profiles and their (memory-only) secrets.
import { startDemoMls, type DemoMls } from '../../demo-mls/server'
import { demoProfiles, type DemoProfileSet } from '../features/connections/demo-profiles'
import { DEMO_OAUTH_CLIENTS } from '../../demo-mls/oauth/token-registry'

export interface DemoHost {
  server: DemoMls
  profiles: DemoProfileSet
}

export async function startDemoHost(opts: { listings?: number } = {}): Promise<DemoHost> {
  const server = await startDemoMls({ port: 0, ...(opts.listings ? { listings: opts.listings } : {}) })
  const member = server.ctx.users.find((u) => u.role === 'member') ?? server.ctx.users[0]!
  // the OAuth client that acts for the same member user
  const client = DEMO_OAUTH_CLIENTS.find((c) => c.actsAs === member.username) ?? DEMO_OAUTH_CLIENTS[0]!
  const oauth = { clientId: client.clientId, clientSecret: client.clientSecret }
  const profiles = demoProfiles(
    server.url,
    {
      rets: {
        userName: member.username,
        password: member.password,
        uaPassword: member.uaPassword,
        userAgent: member.userAgent
      },
      reso: oauth,
      spark: oauth
    },
    {
      idxLogin: '/idx/Login.svc/Login',
      resoService: '/Reso/OData/',
      oauthToken: '/oauth/token',
      oauthAuthorize: '/oauth/authorize',
      sparkApi: '/v1',
      sparkGrant: '/v1/oauth2/grant',
      tracking: '/tracking/v1/'
    }
  )
  return { server, profiles }
}
