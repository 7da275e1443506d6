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

  it('offers the object types of the resource, previews names, and exports the keys of a result column', async () => {
    await h.call('session:connect', { profileId: 'demo-rets' })
    const options = await h.call('photos:options', { profileId: 'demo-rets' })
    expect(options.kind).toBe('rets')
    expect(options.types.map((t) => t.value)).toEqual(expect.arrayContaining(['Photo', 'HiRes']))
    expect(options.defaultTypes).toEqual(['Photo'])
    expect(options.keyField).toBe('LIST_1')
    expect(await h.call('photos:preview', { pattern: '{ListingKey}/{Order:3}.{ext}', types: ['Photo'] })).toEqual({
      example: '20000123/001.jpg',
      errors: [],
      warnings: []
    })
    const bad = await h.call('photos:preview', { pattern: '{ListingKey}/{Nope}', types: ['Photo'] })
    expect(bad.example).toBeUndefined()
    expect(bad.errors[0]).toMatch(/Unknown token \{Nope\}/)

    const run = await h.call('query:run', {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_15=|OV61GOJ13C0)',
        format: 'COMPACT',
        select: ['LIST_1', 'LIST_22'],
        limit: 3,
        count: 0,
        standardNames: false,
        fetchAll: false
      }
    })
    expect(await settle(h, run.jobId)).toBe('done')
    const page = await h.call('results:page', { resultId: run.resultId, offset: 0, limit: 10 })
    const keys = page.rows.map((r) => r[0])
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-photos-'))
    const started = await h.call('photos:export', {
      profileId: 'demo-rets',
      request: { destination, keysFrom: { resultId: run.resultId, column: 'LIST_1' }, types: ['Photo'], objectIds: '0' }
    })
    expect(started.listings).toBe(3)
    expect(await settle(h, started.jobId)).toBe('done')
    const summary = (await h.call('photos:summary', { jobId: started.jobId }))!
    expect(summary.listings).toBe(3)
    expect(new Set(summary.firstFiles.map((f) => f.split('/')[0]))).toEqual(
      new Set(keys.filter((k) => h.workbench.demo!.server.ctx.data.get(k!)!.PhotosCount > 0))
    )

    // thumbnails: the bytes of a file the export wrote, nothing else
    const thumb = (await h.call('photos:thumbnail', { jobId: started.jobId, file: summary.firstFiles[0]! }))!
    expect(thumb.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true)
    expect(Buffer.from(thumb.dataUrl.split(',')[1]!, 'base64')).toEqual(
      readFileSync(path.join(destination, summary.firstFiles[0]!))
    )
    expect(await h.call('photos:thumbnail', { jobId: started.jobId, file: '../../../etc/passwd' })).toBeNull()

    const noColumn = await h.fail('photos:export', {
      profileId: 'demo-rets',
      request: { destination, keysFrom: { resultId: run.resultId, column: 'LIST_99' }, types: ['Photo'] }
    })
    expect(noColumn.code).toBe('RESULT_NO_COLUMN')
  })

  it('offers Spark photo sizes and RESO media categories', async () => {
    await h.call('session:connect', { profileId: 'demo-spark' })
    const spark = await h.call('photos:options', { profileId: 'demo-spark' })
    expect(spark.kind).toBe('spark')
    expect(spark.types.map((t) => t.value)).toContain('UriLarge')
    expect(spark.modes).toEqual([])
    await h.call('session:connect', { profileId: 'demo-reso' })
    const reso = await h.call('photos:options', { profileId: 'demo-reso' })
    expect(reso.defaultTypes).toEqual(['Photo'])
    expect(reso.keyField).toBe('ListingKey')
  })

  it('refuses a relative destination', async () => {
    const err = await h.fail('photos:export', {
      profileId: 'demo-rets',
      request: { destination: 'photos', listingKeys: ['x'], types: ['Photo'] }
    })
    expect(err.code).toBe('EXPORT_BAD_PATH')
  })
})
