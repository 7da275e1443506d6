// Admin API mutations (seen by RETS Search and the change log) and the per-instance fault modes.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { TestRetsClient, compactRows, replyCodeOf } from '../../support/demo-rets-client'

let mls: DemoMls
let client: TestRetsClient

beforeAll(async () => {
  mls = await startDemoMls({ listings: 100 })
  client = new TestRetsClient(mls.url, { username: 'demo', password: 'demo-pass' })
  await client.login()
})
afterAll(async () => {
  await mls.close()
})

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${mls.url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
const setFaults = async (patch: Record<string, unknown>) =>
  expect((await admin('POST', '/admin/faults', patch)).status).toBe(200)
const byKey = (key: string) =>
  client.request(
    `/rets/Search?SearchType=Property&Class=A&Query=(LIST_1=${key})&Format=COMPACT&Select=LIST_1,LIST_22,LIST_87`
  )

/** The fields of a listing the admin API returns that these tests read. */
interface AdminListing {
  ListingKey: string
  ModificationTimestamp: string
}

describe('admin API', () => {
  it('adds, patches and deletes listings; RETS and the change log follow', async () => {
    const added = (await (
      await admin('POST', '/admin/listings', { PropertyType: 'Residential', ListPrice: 250000 })
    ).json()) as AdminListing
    expect(added.ListingKey).toBe('20000100')
    expect(compactRows((await byKey(added.ListingKey)).text)[0]?.LIST_22).toBe('250000.00')

    const patched = (await (
      await admin('PATCH', `/admin/listings/${added.ListingKey}`, { ListPrice: 260000 })
    ).json()) as AdminListing
    expect(patched.ModificationTimestamp > added.ModificationTimestamp).toBe(true)
    expect(compactRows((await byKey(added.ListingKey)).text)[0]).toEqual({
      LIST_1: added.ListingKey,
      LIST_22: '260000.00',
      LIST_87: patched.ModificationTimestamp
    })

    expect((await admin('DELETE', `/admin/listings/${added.ListingKey}`)).status).toBe(200)
    expect(replyCodeOf((await byKey(added.ListingKey)).text)).toBe(20201)
    expect((await admin('DELETE', `/admin/listings/${added.ListingKey}`)).status).toBe(404)
    expect(mls.ctx.data.removed().has(added.ListingKey)).toBe(true)

    const changes = (await (await admin('GET', '/admin/changes')).json()) as Array<{ kind: string; key: string }>
    expect(changes.map((c) => [c.kind, c.key])).toEqual([
      ['add', added.ListingKey],
      ['update', added.ListingKey],
      ['remove', added.ListingKey]
    ])
  })
})

describe('fault modes', () => {
  it('slow responses', async () => {
    await setFaults({ slowMs: 300 })
    // the reply is held back: a 200 ms timer started with the request wins the race, then the reply still arrives
    const reply = client.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0')
    const timer = new Promise((resolve) => setTimeout(() => resolve('timer'), 200))
    expect(await Promise.race([reply.then(() => 'reply'), timer])).toBe('timer')
    expect((await reply).status).toBe(200)
    await setFaults({ slowMs: 0 })
  })

  it('401 without a challenge', async () => {
    await setFaults({ unauthorizedNoChallenge: true })
    const r = await client.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0')
    expect(r.status).toBe(401)
    expect(r.headers.get('www-authenticate')).toBeNull()
    await setFaults({ unauthorizedNoChallenge: false })
  })

  it('malformed XML', async () => {
    await setFaults({ malformedXml: true })
    const r = await client.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0&Format=COMPACT')
    expect(r.text).not.toContain('</RETS>')
    expect(r.text).toContain('broken & unterminated')
    const s = await client.request('/rets/Search?SearchType=Property&Class=A&Query=(LIST_1=*)&Format=COMPACT&Limit=3')
    expect(s.text).not.toContain('</RETS>')
    await setFaults({ malformedXml: false })
  })

  it('Latin-1 bytes under a UTF-8 declaration', async () => {
    await setFaults({ latin1UnderUtf8: true })
    const key = [...mls.ctx.data.listings()].find((l) => l.PropertyType === 'Residential')?.ListingKey ?? ''
    const r = await client.request(
      `/rets/Search?SearchType=Property&Class=A&Query=(LIST_1=${key})&Format=COMPACT&Select=LIST_78`
    )
    await setFaults({ latin1UnderUtf8: false })
    expect(r.headers.get('content-type')).toContain('UTF-8')
    expect(r.body.toString('latin1')).toContain('encoding="UTF-8"')
    // "Café" arrives as 0x43 0x61 0x66 0xE9 — not valid UTF-8
    expect(r.body.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true)
    expect(r.body.includes(Buffer.from('Café', 'utf8'))).toBe(false)
  })

  it('connection drop mid-body', async () => {
    await setFaults({ dropMidBody: true })
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(
        `${mls.url}/rets/Search?SearchType=Property&Class=A&Query=(LIST_1=*)&Format=COMPACT`,
        { headers: { Cookie: client.cookie } },
        (res) => {
          let bytes = 0
          res.on('data', (c: Buffer) => (bytes += c.length))
          res.on('end', () => resolve(`end after ${bytes}`))
          res.on('error', () => resolve(`error after ${bytes}`))
          res.on('aborted', () => resolve(`aborted after ${bytes}`))
        }
      )
      req.on('error', (e) => resolve(`request error ${e.message}`))
    })
    await setFaults({ dropMidBody: false })
    expect(outcome).toMatch(/^(error|aborted) after \d+$/)
    expect(Number(outcome.split(' ').pop())).toBeGreaterThan(0)
    // the server still works afterwards
    expect(replyCodeOf((await client.request('/rets/GetMetadata?Type=METADATA-SYSTEM&ID=0')).text)).toBe(0)
  })

  it('rejects bad fault settings and leaves /admin unaffected', async () => {
    expect((await admin('POST', '/admin/faults', { slowMs: 'fast' })).status).toBe(400)
    await setFaults({ unauthorizedNoChallenge: true })
    expect((await admin('GET', '/admin')).status).toBe(200)
    await setFaults({ unauthorizedNoChallenge: false })
  })
})
