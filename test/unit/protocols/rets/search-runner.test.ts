import { afterEach, describe, expect, it } from 'vitest'
import { startFakeRets, type FakeRets } from '../../../support/fake-rets-server'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { fetchAll, searchPage } from '../../../../src-main/protocols/rets/search/search-runner'
import { ResultStore } from '../../../../src-main/platform/results/result-store'
import { startSingleRecordServer } from '../../../support/single-record-server'

let fake: FakeRets | undefined
const stores: ResultStore[] = []
afterEach(async () => {
  await fake?.close()
  fake = undefined
  for (const s of stores.splice(0)) s.dispose()
})

async function session(opts: Parameters<typeof startFakeRets>[0] = {}) {
  fake = await startFakeRets(opts)
  return new RetsSession(
    { loginUrl: fake.loginUrl, username: 'agent', password: 'pa55word!', userAgent: 'T/1', retsVersion: '1.7.2' },
    new HttpClient()
  )
}
const store = () => {
  const s = new ResultStore()
  stores.push(s)
  return s
}
const params = { resource: 'Property', class: 'RE', query: '(ID=*)', format: 'COMPACT' as const }

describe('search paging', () => {
  it('pages across a server cap of 10 rows until COUNT (gzip replies)', async () => {
    const s = await session({ rows: 23, pageCap: 10, gzip: true })
    const out = store()
    const progress: number[] = []
    const summary = await fetchAll(s, { ...params, limit: 'NONE' }, out, { onProgress: (p) => progress.push(p.rows) })
    expect(summary).toMatchObject({ rows: 23, pages: 3, serverCount: 23, offsetIgnored: false })
    expect(progress).toEqual([10, 20, 23])
    const page = await out.page(0, 100)
    expect(page.total).toBe(23)
    // the search only writes rows; the job that owns the store finishes it (JobManager)
    expect(page.complete).toBe(false)
    expect(page.rows[0]).toEqual(['L1', 'Name 1 & Co'])
    expect(page.rows[22]).toEqual(['L23', 'Name 23 & Co'])
    expect(out.columns.map((c) => c.name)).toEqual(['ID', 'Name'])
    const offsets = fake!.requests
      .filter((r) => r.url.startsWith('/rets/search'))
      .map((r) => new URL(r.url, 'http://x').searchParams.get('Offset'))
    expect(offsets).toEqual(['1', '11', '21'])
    expect(fake!.requests.some((r) => r.headers['accept-encoding']?.includes('gzip'))).toBe(true)
  })

  it('honours Limit across pages', async () => {
    const s = await session({ rows: 50, pageCap: 10 })
    const out = store()
    const summary = await fetchAll(s, { ...params, limit: 25 }, out)
    expect(summary.rows).toBe(25)
    expect((await out.page(24, 5)).rows).toEqual([['L25', 'Name 25 & Co']])
  })

  it('detects a server that ignores Offset and stops with a warning', async () => {
    const s = await session({ rows: 30, pageCap: 10, ignoreOffset: true })
    const out = store()
    const summary = await fetchAll(s, { ...params, limit: 'NONE' }, out)
    expect(summary.offsetIgnored).toBe(true)
    expect(summary.rows).toBe(10)
    expect(summary.warnings.join(' ')).toMatch(/ignore Offset/)
    expect(out.info.warnings.join(' ')).toMatch(/ignore Offset/)
    expect(out.total).toBe(10)
  })

  it('expired session mid-paging: re-login and continue without losing rows', async () => {
    const s = await session({ rows: 25, pageCap: 10 })
    const out = store()
    let expired = false
    const summary = await fetchAll(s, { ...params, limit: 'NONE' }, out, {
      onProgress: (p) => {
        if (p.pages === 1 && !expired) {
          expired = true
          fake!.expireOnce()
        }
      }
    })
    expect(summary.rows).toBe(25)
    expect(s.relogins).toBe(1)
    expect((await out.page(10, 1)).rows[0]![0]).toBe('L11')
  })

  it('20201 is an empty result, not an error', async () => {
    const s = await session({ rows: 0 })
    const out = store()
    const summary = await fetchAll(s, params, out)
    expect(summary.rows).toBe(0)
    expect(out.total).toBe(0)
  })

  it('a cancelled fetch rejects with AbortError', async () => {
    const s = await session({ rows: 100, pageCap: 10 })
    const ac = new AbortController()
    const out = store()
    await expect(
      fetchAll(s, { ...params, limit: 'NONE' }, out, {
        signal: ac.signal,
        onProgress: (p) => p.pages === 2 && ac.abort()
      })
    ).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('a single page reports COUNT, MAXROWS and the first row', async () => {
    const s = await session({ rows: 23, pageCap: 10 })
    const rows: string[][] = []
    const page = await searchPage(
      s,
      { ...params, count: 1, limit: 50 },
      { columns: () => undefined, row: (r) => rows.push(r) }
    )
    expect(page).toMatchObject({ rows: 10, count: 23, maxRows: true, replyCode: 0 })
    expect(rows).toHaveLength(10)
  })
})

describe('a COMPACT record over the record cap', () => {
  it('is refused with an error that names the search and its request once', async () => {
    const server = await startSingleRecordServer(3 * 1048576)
    try {
      const s = new RetsSession(
        {
          loginUrl: `${server.baseUrl}/rets/Login`,
          username: 'u',
          password: 'p',
          userAgent: 'T/1',
          retsVersion: '1.7.2'
        },
        new HttpClient()
      )
      const err = (await searchPage(s, params, { row() {}, columns() {} }, { maxRecordBytes: 1048576 }).then(
        () => undefined,
        (e: unknown) => e
      )) as Error
      expect(err).toMatchObject({ code: 'REPLY_ELEMENT_TOO_LARGE' })
      expect(err.message).toMatch(
        /^Running Search of Property:RE failed: One record of the reply is larger than 1 MB, the limit for a single record\. \(GET http:\/\/127\.0\.0\.1:\d+\/rets\/Search\?[^ ]*\)$/
      )
      expect(err.message.split('Search?SearchType=')).toHaveLength(2)
    } finally {
      await server.close()
    }
  })
})
