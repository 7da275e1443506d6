// Item 9 (issue 17): URLs a server hands out (RETS Location=1, media URLs, next links) were fetched wherever they
// pointed: 169.254.169.254, loopback, the office network. Link-local is refused always; loopback and private
// addresses only when the profile's own server is on such an address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionProfileSchema } from '../../contract/profile-schema'
import { httpClientFor } from '../../src-main/features/connections/adapters/http-for-profile'
import { WireLog } from '../../src-main/platform/http/wire-log'
import { startHostileServer, type HostileServer } from './support/hostile-server'

let inside: HostileServer
beforeAll(async () => {
  inside = await startHostileServer((_req, res) => res.end('internal admin page'))
})
afterAll(() => inside.close())

const noSecrets = { get: async () => undefined }
const retsProfile = (loginUrl: string) =>
  connectionProfileSchema.parse({ kind: 'rets', id: 'p', name: 'P', loginUrl, userName: 'u' })

describe('requests to internal addresses', () => {
  it('never fetches a link-local URL, even for a profile on loopback', async () => {
    const http = await httpClientFor(retsProfile(`${inside.origin}/rets/Login`), new WireLog(), noSecrets)
    await expect(
      http.request({ url: 'http://169.254.169.254/latest/meta-data/', timeoutMs: 2000 })
    ).rejects.toMatchObject({ code: 'HTTP_ADDRESS_REFUSED' })
    // its own loopback server stays reachable
    expect((await http.request({ url: `${inside.origin}/ok` })).status).toBe(200)
    http.close()
  })

  it('refuses loopback URLs, by address or by name, when the profile server is public', async () => {
    const http = await httpClientFor(retsProfile('https://203.0.113.10/rets/Login'), new WireLog(), noSecrets)
    const before = inside.seen.length
    for (const url of [`${inside.origin}/admin`, `http://localhost:${inside.port}/admin`]) {
      await expect(http.request({ url, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'HTTP_ADDRESS_REFUSED' })
    }
    expect(inside.seen.length).toBe(before)
    http.close()
  })
})
