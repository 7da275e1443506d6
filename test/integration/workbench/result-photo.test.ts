// results:photo (issue 18): the record inspector's thumbnails come from main, over real HTTP to the Demo MLS's RESO
// Media URLs, only for URLs of the row shown, without credentials, as a data URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settle, startHarness, type Harness } from '../../support/workbench-harness'

let h: Harness
let resultId: string
let mediaUrl: string
let row: number

beforeAll(async () => {
  h = await startHarness()
  await h.call('session:connect', { profileId: 'demo-reso' })
  const run = await h.call('query:run', {
    profileId: 'demo-reso',
    spec: {
      kind: 'odata',
      resource: 'Property',
      select: ['ListingKey'],
      expand: 'Media',
      top: 20,
      count: false,
      fetchAll: false
    }
  })
  expect(await settle(h, run.jobId)).toBe('done')
  resultId = run.resultId
  const page = await h.call('results:page', { resultId, offset: 0, limit: 20 })
  row = page.rows.findIndex((r) => r[1]?.includes('MediaURL'))
  const media = JSON.parse(page.rows[row]![1]!) as { MediaURL: string }[]
  mediaUrl = media[0]!.MediaURL
})
afterAll(() => h.close())

describe('results:photo', () => {
  it('downloads a photo URL of the row as a JPEG data URL, with no Authorization sent', async () => {
    const before = (await h.call('wire:list', {})).length
    const photo = await h.call('results:photo', { profileId: 'demo-reso', resultId, row, url: mediaUrl })
    expect(photo.contentType).toBe('image/jpeg')
    expect(photo.dataUrl.startsWith('data:image/jpeg;base64,/9j/')).toBe(true) // FF D8 FF: a JPEG
    expect(photo.bytes).toBeGreaterThan(500)
    const wire = (await h.call('wire:list', {})).slice(before)
    const get = wire.find((w) => w.url === mediaUrl)
    expect(get).toBeDefined()
    expect(get!.requestHeaders.authorization).toBeUndefined()
  })

  it('refuses a URL that is not in that row', async () => {
    const other = await h.fail('results:photo', {
      profileId: 'demo-reso',
      resultId,
      row,
      url: mediaUrl.replace(/\/[^/]*$/, '/999.jpg')
    })
    expect(other.code).toBe('PHOTO_NOT_IN_RESULT')
    const elsewhere = await h.fail('results:photo', {
      profileId: 'demo-reso',
      resultId,
      row,
      url: 'http://169.254.169.254/x.jpg'
    })
    expect(elsewhere.code).toBe('PHOTO_NOT_IN_RESULT')
  })

  it('says the result is gone when it is', async () => {
    const err = await h.fail('results:photo', { profileId: 'demo-reso', resultId: 'nope', row, url: mediaUrl })
    expect(err.code).toBe('RESULT_NOT_FOUND')
  })
})
