// The Demo MLS runs inside the app on a random loopback port, so a first start works with no credentials. Its
// users and OAuth clients become the read-only "Demo MLS" profiles and their (memory-only) secrets.
import { startDemoMls, type DemoMls } from '../services/demo-mls/server'
import { demoProfiles, type DemoProfileSet } from '../services/connections/demo-profiles'

export interface DemoHost {
  server: DemoMls
  profiles: DemoProfileSet
}

export async function startDemoHost(opts: { listings?: number } = {}): Promise<DemoHost> {
  const server = await startDemoMls({ port: 0, ...(opts.listings ? { listings: opts.listings } : {}) })
  const member = server.ctx.users.find((u) => u.role === 'member') ?? server.ctx.users[0]!
  const profiles = demoProfiles(
    server.url,
    {
      rets: { userName: member.username, password: member.password, uaPassword: member.uaPassword, userAgent: member.userAgent }
    },
    { idxLogin: '/idx/Login.svc/Login' }
  )
  return { server, profiles }
}
