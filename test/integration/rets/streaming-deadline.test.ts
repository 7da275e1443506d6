// The profile's total timeout ends a reply that never finishes, but not a search or photo stream the user can
// cancel: those may run for minutes (issue #17 item 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { fetchAll } from '../../../src-main/protocols/rets/search/search-runner'
import type { ResultWriter } from '../../../src-main/platform/results/result-types'

let mls: DemoMls
let http: HttpClient
let session: RetsSession

beforeAll(async () => {
  mls = await startDemoMls({ listings: 20 })
  http = new HttpClient({ deadlineMs: 500 })
  session = new RetsSession(
    {
      loginUrl: `${mls.url}/rets/Login`,
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      retsVersion: '1.7.2',
      auth: 'digest'
    },
    http
  )
  await session.login()
})
afterAll(async () => {
  http.close()
  await mls.close()
})

describe('total deadline', () => {
  it('does not cut a search that takes longer than the deadline', async () => {
    mls.ctx.setFaults({ slowMs: 900, scope: '/rets/Search' })
    const rows: string[][] = []
    const writer: ResultWriter = {
      setColumns: () => undefined,
      append: (r) => void rows.push(r),
      setInfo: () => undefined
    }
    await fetchAll(
      session,
      { resource: 'Property', class: 'A', query: '(LIST_22=0+)', format: 'COMPACT', limit: 3 },
      writer
    )
    expect(rows).toHaveLength(3)
  })

  it('ends a metadata request that takes longer than the deadline', async () => {
    mls.ctx.setFaults({ slowMs: 900, scope: '/rets/GetMetadata' })
    await expect(
      session.transaction('GetMetadata', { Type: 'METADATA-SYSTEM', ID: '0', Format: 'COMPACT' })
    ).rejects.toMatchObject({ code: 'HTTP_DEADLINE' })
    mls.ctx.setFaults({ slowMs: 0 })
  })
})
