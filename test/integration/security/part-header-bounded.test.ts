// Issue 17 item 7: a GetObject reply whose part header block never ends (50 MB took 53 s, re-joined on every
// chunk) stops at 64 KB with an error naming the request; a header block just under the bound still works.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { getObjects, type ObjectSink } from '../../../src-main/protocols/rets/objects/get-object'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'

const LOGIN =
  '<RETS ReplyCode="0" ReplyText="OK">\n<RETS-RESPONSE>\nGetObject=/rets/GetObject\n</RETS-RESPONSE>\n</RETS>\n'

let server: http.Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((r) => server?.close(r))
})

/** A multipart reply whose first part has a header line of `headerBytes` bytes, streamed in 64 KB chunks. */
async function hostile(headerBytes: number): Promise<RetsSession> {
  server = http.createServer((req, res) => {
    if ((req.url ?? '').startsWith('/rets/Login')) return res.end(LOGIN)
    res.writeHead(200, { 'Content-Type': 'multipart/parallel; boundary="b1"' })
    res.write('--b1\r\nContent-Type: image/jpeg\r\nContent-ID: 1\r\nObject-ID: 1\r\nX-Pad: ')
    let left = headerBytes
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, 65536)
        left -= n
        if (!res.write(Buffer.alloc(n, 'h'))) return void res.once('drain', pump)
      }
      res.end('\r\n\r\nJPEGDATA\r\n--b1--\r\n')
    }
    res.on('error', () => undefined)
    pump()
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return new RetsSession(
    {
      loginUrl: `http://127.0.0.1:${port}/rets/Login`,
      username: 'u',
      password: 'p',
      userAgent: 'T/1',
      retsVersion: '1.7.2'
    },
    new HttpClient()
  )
}

const sink = (): ObjectSink => ({ open: () => ({ write: () => undefined, close: () => undefined }) })

describe('multipart part headers are bounded', () => {
  it('a 50 MB header block is refused with an error naming the request', async () => {
    const session = await hostile(50 * 1048576)
    const err = await getObjects(session, { resource: 'Property', type: 'Photo', ids: '1:*' }, sink()).catch(
      (e: unknown) => e as { code?: string; message: string }
    )
    expect(err).toMatchObject({ code: 'REPLY_PART_HEADER_TOO_LARGE' })
    expect((err as Error).message).toMatch(
      /larger than 64 KB.*Request: GET http:\/\/127\.0\.0\.1:\d+\/rets\/GetObject\?/
    )
  })

  it('a 60 KB header block is still read', async () => {
    const session = await hostile(60 * 1024)
    const summary = await getObjects(session, { resource: 'Property', type: 'Photo', ids: '1:*' }, sink())
    expect(summary.parts).toBe(1)
  })
})
