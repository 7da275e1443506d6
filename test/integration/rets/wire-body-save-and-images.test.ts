// The raw view's "Save body" and image previews over a real exchange: a GetObject multipart reply from the Demo MLS
// yields one data-URL thumbnail per photo part, equal to the bytes the server sent, and saving the body writes the
// same bytes; bounded counts say there is more.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { WireLog } from '../../../src-main/platform/http/wire-log'
import { saveWireBody } from '../../../src-main/platform/http/wire-body-reader'
import { wireImages, IMAGE_LIMITS } from '../../../src-main/features/raw/wire-images'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { boundaryOf } from '../../../src-main/protocols/rets/objects/multipart-splitter'

let mls: DemoMls
let dir: string
const log = new WireLog()
let body: Buffer
let wireId: string

beforeAll(async () => {
  mls = await startDemoMls({ port: 0, listings: 30 })
  dir = await mkdtemp(path.join(os.tmpdir(), 'wire-body-'))
  const s = new RetsSession(
    {
      loginUrl: `${mls.url}/rets/Login`,
      retsVersion: '1.7.2',
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      uaPassword: 'demo-ua-pass'
    },
    new HttpClient({ wireLog: log })
  )
  await s.login()
  const search = await s.transaction('Search', {
    SearchType: 'Property',
    Class: 'A',
    Query: '(LIST_133=3+)',
    Format: 'COMPACT',
    Limit: '1',
    Select: 'LIST_1'
  })
  const key = /<DATA>\t?([^\t<]+)/.exec(await search.text())![1]!
  const res = await s.transaction('GetObject', { Resource: 'Property', Type: 'Photo', ID: `${key}:*` })
  body = await res.buffer()
  wireId = log.list().at(-1)!.id
})
afterAll(async () => {
  await mls.close()
  await rm(dir, { recursive: true, force: true })
})

describe('GetObject multipart in the raw view', () => {
  it('every photo part becomes a data-URL thumbnail with its Content-ID and Object-ID', async () => {
    const type = log.get(wireId)!.responseHeaders!['content-type']!
    expect(boundaryOf(type)).toBeTruthy()
    const { images, more } = (await wireImages(log, wireId))!
    expect(more).toBe(false)
    expect(images.length).toBeGreaterThanOrEqual(3)
    for (const img of images) {
      expect(img.contentType).toMatch(/^image\//)
      expect(img.contentId).toBeTruthy()
      expect(img.objectId).toBeTruthy()
      const bytes = Buffer.from(img.dataUrl!.replace(/^data:image\/[\w.+-]+;base64,/, ''), 'base64')
      expect(bytes.length).toBe(img.bytes)
      expect(body.includes(bytes)).toBe(true)
    }
  })

  it('bounded: fewer images than parts says "more"; a part over the size or total budget has no picture', async () => {
    const two = (await wireImages(log, wireId, { ...IMAGE_LIMITS, maxImages: 2 }))!
    expect(two.images).toHaveLength(2)
    expect(two.more).toBe(true)
    const tiny = (await wireImages(log, wireId, { ...IMAGE_LIMITS, maxImageBytes: 10 }))!
    expect(tiny.images.every((i) => i.dataUrl === undefined && i.bytes > 10)).toBe(true)
    const budget = (await wireImages(log, wireId, { ...IMAGE_LIMITS, maxTotalImageBytes: two.images[0]!.bytes }))!
    expect(budget.images.map((i) => i.dataUrl !== undefined)).toEqual([
      true,
      ...budget.images.slice(1).map(() => false)
    ])
  })

  it('saves the body byte for byte, atomically (no temp file left)', async () => {
    const target = path.join(dir, 'photos.multipart')
    const saved = (await saveWireBody(log, wireId, target))!
    expect(saved).toEqual({ path: target, bytes: body.length, redacted: false })
    expect((await readFile(target)).equals(body)).toBe(true)
    expect(await readdir(dir)).toEqual(['photos.multipart'])
  })
})
