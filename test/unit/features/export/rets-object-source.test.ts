// The RETS source over a scripted server: a multi-key batch refused as a whole falls back to one request per key
// (the bad key alone fails, once), a big part streams to disk intact, an HTTP 500 fails its batch.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { exportPhotos } from '../../../../src-main/features/export/photos/photo-export-engine'
import { RetsObjectSource } from '../../../../src-main/features/export/photos/sources/rets-object-source'
import { manifestRows } from '../../../support/export-folder'
import { startReplayServer, type ReplayServer } from '../../../support/replay-server'

let server: ReplayServer | undefined
const dirs: string[] = []
afterEach(async () => {
  await server?.close()
  server = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7)
const small = (n: number): Buffer => Buffer.from(`jpeg-${n}`.repeat(100))
const retsReply = (code: number, text: string) => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body: Buffer.from(`<RETS ReplyCode="${code}" ReplyText="${text}"/>`)
})

async function start(): Promise<RetsObjectSource> {
  server = await startReplayServer((req) => {
    const url = new URL(req.url, 'http://x')
    if (url.pathname === '/login')
      return {
        ...retsReply(0, 'ok'),
        body: Buffer.from(
          '<RETS ReplyCode="0" ReplyText="ok"><RETS-RESPONSE>\nGetObject=/getobject\n</RETS-RESPONSE></RETS>'
        )
      }
    const id = url.searchParams.get('ID') ?? ''
    if (id.includes(',')) return retsReply(20402, 'Invalid Identifier')
    if (id.startsWith('BAD')) return retsReply(20402, 'Invalid Identifier')
    if (id.startsWith('DOWN'))
      return { status: 500, headers: { 'content-type': 'text/html' }, body: Buffer.from('<h1>oops</h1>') }
    if (id.startsWith('K2'))
      return {
        status: 200,
        headers: { 'content-type': 'image/jpeg', 'content-id': 'K2', 'object-id': '1' },
        body: small(21)
      }
    const head = (n: number) => `--B\r\nContent-ID: K1\r\nObject-ID: ${n}\r\nContent-Type: image/jpeg\r\n\r\n`
    return {
      status: 200,
      headers: { 'content-type': 'multipart/parallel; boundary=B' },
      body: Buffer.concat([
        Buffer.from(head(1)),
        big,
        Buffer.from(`\r\n${head(2)}`),
        small(2),
        Buffer.from('\r\n--B--\r\n')
      ])
    }
  })
  const session = new RetsSession(
    { loginUrl: `${server.url}/login`, username: 'u', password: 'p', userAgent: 'T/1', retsVersion: '1.7.2' },
    new HttpClient()
  )
  return new RetsObjectSource(session)
}

describe('RetsObjectSource', () => {
  it('falls back to one key per request when the batch is refused; the bad key fails once', async () => {
    const source = await start()
    const dest = mkdtempSync(path.join(tmpdir(), 'rets-source-'))
    dirs.push(dest)
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['K1', 'BAD', 'K2'], types: ['Photo'], batchSize: 3 },
      source,
      undefined
    )
    expect(summary).toMatchObject({ written: 3, failed: 1 })
    expect(summary.errors).toEqual([
      { listing: 'BAD', type: 'Photo', objectId: '*', message: 'Invalid Identifier', missing: false }
    ])
    expect(server!.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('ID')).filter(Boolean)).toEqual([
      'K1:*,BAD:*,K2:*',
      'K1:*',
      'BAD:*',
      'K2:*'
    ])
    expect(readFileSync(path.join(dest, 'K1/1.jpg')).equals(big)).toBe(true)
    expect(readFileSync(path.join(dest, 'K1/2.jpg')).equals(small(2))).toBe(true)
    expect(readFileSync(path.join(dest, 'K2/1.jpg')).equals(small(21))).toBe(true)
    expect(manifestRows(dest).filter((r) => r.listing === 'BAD')).toHaveLength(1)
  })

  it('an HTTP error status fails the batch with the status, not a file of HTML', async () => {
    const source = await start()
    const dest = mkdtempSync(path.join(tmpdir(), 'rets-source-'))
    dirs.push(dest)
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['DOWN'], types: ['Photo'] },
      source,
      undefined
    )
    expect(summary).toMatchObject({ written: 0, failed: 1 })
    expect(summary.errors[0]!.message).toMatch(/500/)
  })
})
