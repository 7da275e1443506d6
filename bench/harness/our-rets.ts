// The app's own RETS stack set up the way a profile would: one HttpClient, one RetsSession.
import { HttpClient } from '../../src-main/platform/http/http-client'
import { RetsSession } from '../../src-main/protocols/rets/rets-session'

export function ourRetsSession(baseUrl: string, user = 'demo', password = 'demo-pass'): RetsSession {
  return new RetsSession(
    {
      loginUrl: `${baseUrl}/rets/Login`,
      username: user,
      password,
      userAgent: 'MLSWorkbench/1.0',
      retsVersion: '1.7.2',
      // the bench servers are loopback children speaking Basic (a plain GET is the drain floor)
      allowBasicOverHttp: true
    },
    new HttpClient({ timeoutMs: 120_000 })
  )
}
