import { afterEach, describe, expect, it } from 'vitest'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { collectObjects, getObjects } from '../../../../src-main/protocols/rets/objects/get-object'

let server: ReplayServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const photo = (n: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(1000 + n, n), Buffer.from([0xff, 0xd9])])

describe('getObjects over HTTP', () => {
  it('multipart bytes and Location=1 URLs (with &amp;) fetched with a concurrency limit', async () => {
    let active = 0
    let maxActive = 0
    server = await startReplayServer(async (req) => {
      const url = new URL(req.url, 'http://x')
      if (url.pathname === '/login') {
        return {
          status: 200,
          headers: { 'content-type': 'text/xml' },
          body: Buffer.from(
            '<RETS ReplyCode="0" ReplyText="ok"><RETS-RESPONSE>\nGetObject=/getobject\n</RETS-RESPONSE></RETS>'
          )
        }
      }
      if (url.pathname.startsWith('/img/')) {
        active++
        maxActive = Math.max(maxActive, active)
        await new Promise((r) => setTimeout(r, 20))
        active--
        const n = Number(url.searchParams.get('n'))
        return n === 5
          ? { status: 404, headers: {}, body: Buffer.from('gone') }
          : { status: 200, headers: { 'content-type': 'image/jpeg' }, body: photo(n) }
      }
      const location = url.searchParams.get('Location') === '1'
      const ids = [1, 2, 3, 4, 5, 6]
      const parts = ids.map((n) => {
        const head = `--B\r\nContent-ID: K1\r\nObject-ID: ${n}\r\nContent-Type: image/jpeg\r\n`
        return location
          ? Buffer.from(`${head}Location: ${server!.url}/img/${n}?a=1&amp;n=${n}\r\n\r\n`)
          : Buffer.concat([Buffer.from(`${head}\r\n`), photo(n)])
      })
      return {
        status: 200,
        headers: { 'content-type': 'multipart/parallel; boundary="B"' },
        body: Buffer.concat([
          Buffer.from('\r\n'),
          ...parts.map((p, i) => (i === 0 ? p : Buffer.concat([Buffer.from('\r\n'), p]))),
          Buffer.from('\r\n--B--\r\n')
        ])
      }
    })
    const session = new RetsSession(
      { loginUrl: `${server.url}/login`, username: 'u', password: 'pass', userAgent: 'T/1', retsVersion: '1.7.2' },
      new HttpClient()
    )

    const direct = collectObjects()
    const s1 = await getObjects(
      session,
      { resource: 'Property', type: 'Photo', ids: [{ key: 'K1', objects: ['*'] }] },
      direct.sink
    )
    expect(s1).toMatchObject({ parts: 6, multipart: true, errors: 0 })
    direct.parts.forEach((p, i) => expect(p.data.equals(photo(i + 1))).toBe(true))
    const getUrl = new URL(server.requests.at(-1)!.url, 'http://x')
    expect(getUrl.searchParams.get('ID')).toBe('K1:*')
    expect(getUrl.searchParams.get('Location')).toBe('0')

    const viaLocation = collectObjects()
    const s2 = await getObjects(
      session,
      { resource: 'Property', type: 'Photo', ids: 'K1:*', location: true, locationConcurrency: 2 },
      viaLocation.sink
    )
    expect(s2).toMatchObject({ parts: 6, locationsFetched: 6, errors: 1 })
    expect(maxActive).toBe(2)
    const byId = new Map(viaLocation.parts.map((p) => [p.objectId, p]))
    for (const n of [1, 2, 3, 4, 6]) expect(byId.get(String(n))!.data.equals(photo(n))).toBe(true)
    expect(byId.get('5')!.error).toMatchObject({ missing: true })
    expect(server.requests.filter((r) => r.url.startsWith('/img/')).map((r) => r.url)).toContain('/img/3?a=1&n=3')
  })
})
