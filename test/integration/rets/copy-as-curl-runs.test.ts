// The copied curl command runs: a RETS search made by the app (Digest + UA-auth session) is copied from the wire
// log and executed with bash + the real curl binary, with only the environment variables holding the secrets; the
// Demo MLS answers it with ReplyCode 0. Skipped where curl or bash/md5sum is missing.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'

const run = promisify(execFile)
const hasTools = await run('sh', ['-c', 'command -v curl && command -v bash && command -v md5sum']).then(
  () => true,
  () => false
)
const secrets = { MLS_USER: 'demo', MLS_PASSWORD: 'demo-pass', MLS_UA_PASSWORD: 'demo-ua-pass' }
let mls: DemoMls | undefined
afterAll(async () => mls?.close())

describe.skipIf(!hasTools)('copy as curl, executed', () => {
  it('a RETS search with Digest and UA-auth: login step, cookie jar, the same reply', async () => {
    mls = await startDemoMls({ port: 0, listings: 20, requireUaAuth: true })
    const log = new WireLog()
    const session = new RetsSession(
      { loginUrl: `${mls.url}/rets/Login`, retsVersion: '1.7.2', userAgent: 'MLSWorkbench/1.0', ...creds() },
      new HttpClient({ wireLog: log })
    )
    await session.login()
    const res = await session.transaction('Search', {
      SearchType: 'Property',
      Class: 'A',
      Query: '(LIST_22=0+)',
      Format: 'COMPACT',
      Limit: '1',
      Select: 'LIST_1'
    })
    expect(await res.text()).toMatch(/ReplyCode="0"/)
    const search = log.list().find((e) => e.url.includes('/rets/Search'))!
    const { text, variables } = log.copyAs(search.id, 'curl')!
    expect(variables).toEqual(['MLS_PASSWORD', 'MLS_UA_PASSWORD', 'MLS_USER'])
    expect(text).not.toContain('demo-pass')

    const { stdout } = await run('bash', ['-c', text], { env: { PATH: process.env.PATH, ...secrets } })
    expect(stdout).toMatch(/<RETS ReplyCode="0"/)
    expect(stdout).toContain('<COLUMNS>')
    // without the secrets the same command is refused: the reply above came from the variables
    const refused = await run('bash', ['-c', text], { env: { PATH: process.env.PATH } })
    expect(refused.stderr).toMatch(/401/)
    expect(refused.stdout).not.toMatch(/ReplyCode="0"/)
  })
})

function creds(): { username: string; password: string; uaPassword: string } {
  return { username: secrets.MLS_USER, password: secrets.MLS_PASSWORD, uaPassword: secrets.MLS_UA_PASSWORD }
}
