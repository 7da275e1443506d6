// The app's RETS session against the Demo MLS playing real servers' login and logout variations (issue #16):
// a Basic-only challenge, capability URLs relative to the login URL's folder, and an HTML page for Logout.
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import type { QuirkName } from '../../../demo-mls/quirks/quirk-catalogue'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { RetsMetadataLoader } from '../../../src-main/protocols/rets/metadata/metadata-loader'
import { fetchAll } from '../../../src-main/protocols/rets/search/search-runner'
import type { ResultWriter } from '../../../src-main/platform/results/result-types'

let mls: DemoMls | undefined
afterEach(async () => {
  await mls?.close()
  mls = undefined
})

async function sessionWith(quirks: QuirkName[]): Promise<{ session: RetsSession; http: HttpClient }> {
  mls = await startDemoMls({ port: 0, listings: 50, quirks })
  const user = mls.ctx.users.find((u) => u.role === 'member')!
  const http = new HttpClient()
  const session = new RetsSession(
    {
      loginUrl: `${mls.url}/rets/Login`,
      username: user.username,
      password: user.password,
      userAgent: 'MLSWorkbench/0.1',
      retsVersion: '1.7.2',
      auth: 'auto'
    },
    http
  )
  return { session, http }
}

function rowsWriter(): ResultWriter & { rows: string[][] } {
  const rows: string[][] = []
  return { rows, setColumns: () => undefined, append: (r) => void rows.push(r), setInfo: () => undefined }
}

describe('RETS session quirks', () => {
  it('rets-basic-only: answers a Basic-only challenge with Basic and works on', async () => {
    const { session, http } = await sessionWith(['rets-basic-only'])
    const first = await fetch(`${mls!.url}/rets/Login`)
    expect(first.headers.get('www-authenticate')).toMatch(/^Basic /)
    await session.login()
    const writer = rowsWriter()
    await fetchAll(
      session,
      { resource: 'Property', class: 'A', query: '(LIST_22=0+)', format: 'COMPACT', limit: 5 },
      writer
    )
    expect(writer.rows).toHaveLength(5)
    http.close()
  })

  it('rets-relative-capability-urls: "Search" resolves against the login URL, metadata and search work', async () => {
    const { session, http } = await sessionWith(['rets-relative-capability-urls'])
    const login = await session.login()
    expect(login.body.capabilities.Search).toBe('Search')
    expect(login.capabilities.Search).toBe(`${mls!.url}/rets/Search`)
    expect(login.capabilities.GetMetadata).toBe(`${mls!.url}/rets/GetMetadata`)
    const model = await new RetsMetadataLoader(session).loadRoot()
    expect(model.resources.map((r) => r.name)).toContain('Property')
    const writer = rowsWriter()
    await fetchAll(
      session,
      { resource: 'Property', class: 'A', query: '(LIST_22=0+)', format: 'COMPACT', limit: 3 },
      writer
    )
    expect(writer.rows).toHaveLength(3)
    http.close()
  })

  it('rets-html-logout: an HTML page for Logout ends the session without an error', async () => {
    const { session, http } = await sessionWith(['rets-html-logout'])
    await session.login()
    const out = await session.logout()
    expect(out.reply).toBeUndefined()
    expect(out.message).toContain('You have been logged out.')
    expect(session.loggedIn).toBe(false)
    http.close()
  })
})
