// Photo export through the workbench channels: a job on the live connection, files equal to the server's bytes.
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('photo export over IPC', () => {
  it('exports RETS photos of two listings as a job and reports the summary', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    const keys = [...h.workbench.demo!.server.ctx.data.listings()]
      .filter((l) => l.PhotosCount > 0)
      .slice(0, 2)
      .map((l) => l.ListingKey)
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-photos-'))
    const { jobId } = await h.call('photos:export', {
      profileId: 'demo-rets',
      request: { destination, listingKeys: keys, types: ['Photo'] }
    })
    expect(await h.call('photos:summary', { jobId })).toBeNull()
    expect(await settle(h, jobId)).toBe('done')
    await new Promise((r) => setTimeout(r, 10))
    const summary = (await h.call('photos:summary', { jobId }))!
    // the Demo MLS withholds a few photos on purpose (20403): those are the only failures allowed
    expect(summary.failed).toBe(summary.missing)
    expect(summary.written).toBeGreaterThan(0)
    const first = summary.firstFiles[0]!
    const [key, file] = first.split('/')
    const objectId = Number(file!.split('.')[0])
    expect(readFileSync(path.join(destination, first))).toEqual(
      h.workbench.demo!.server.ctx.data.photo(key!, objectId, 'Photo')
    )
    expect(readFileSync(summary.manifestCsv, 'utf8')).toContain(key!)
  })

  it('refuses a relative destination', async () => {
    const err = await h.fail('photos:export', {
      profileId: 'demo-rets',
      request: { destination: 'photos', listingKeys: ['x'], types: ['Photo'] }
    })
    expect(err.code).toBe('EXPORT_BAD_PATH')
  })
})
