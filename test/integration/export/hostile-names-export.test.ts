// Hostile names from the server — listing keys like `../../x` and `CON`, descriptions with separators, control
// characters, reserved names and 400-byte captions — must all land inside the destination folder with safe names.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoMls, type DemoMls } from '../../../demo-mls/server'
import { HttpClient } from '../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../src-main/protocols/rets/rets-session'
import { exportPhotos } from '../../../src-main/features/export/photos/photo-export-engine'
import { RetsObjectSource } from '../../../src-main/features/export/photos/sources/rets-object-source'
import {
  ResoMediaSource,
  resoRecordsFromList
} from '../../../src-main/features/export/photos/sources/reso-media-source'
import { downloadFetcher } from '../../../src-main/features/export/photos/url-fetchers'
import { fileBytes, listFiles, manifestRows } from '../../support/export-folder'

let mls: DemoMls
let root: string
const LONG_KEY = 'K'.repeat(300)

beforeAll(async () => {
  mls = await startDemoMls({ listings: 50 })
  root = mkdtempSync(path.join(tmpdir(), 'photo-export-hostile-'))
  for (const key of ['../../x', LONG_KEY]) mls.ctx.data.add({ ListingKey: key, PhotosCount: 2 })
  mls.ctx.data.add({ ListingKey: 'CON', PhotosCount: 5 })
  const con = mls.ctx.data.get('CON')!
  const captions = ['../../../etc/passwd', 'NUL', ' lpt1.txt. ', 'a/b\\c:d*e?f', 'x'.repeat(400)]
  mls.ctx.data.update('CON', {
    Media: captions.map((ShortDescription, i) => ({
      ...con.Media[0]!,
      Order: i + 1,
      MediaKey: `CON-P${i + 1}`,
      ShortDescription
    }))
  })
})
afterAll(async () => {
  await mls.close()
  rmSync(root, { recursive: true, force: true })
})

const ctl = () => ({ signal: new AbortController().signal, progress: () => undefined })

/** The destination sits two folders deep so an escape would show up next to it. */
function nestedDest(name: string): string {
  const dest = path.join(root, name, 'inner', 'dest')
  mkdirSync(dest, { recursive: true })
  return dest
}

function assertContained(dest: string): void {
  expect(readdirSync(path.dirname(dest))).toEqual(['dest'])
  expect(readdirSync(path.dirname(path.dirname(dest)))).toEqual(['inner'])
}

describe('hostile names', () => {
  it('RETS keys ../../x, CON and a 300-character key stay inside the folder with safe names', async () => {
    const dest = nestedDest('rets')
    const session = new RetsSession(
      {
        loginUrl: `${mls.url}/rets/Login`,
        username: 'demo',
        password: 'demo-pass',
        userAgent: 'MLSWorkbench/1.0',
        retsVersion: '1.7.2'
      },
      new HttpClient()
    )
    const summary = await exportPhotos(
      { destination: dest, listingKeys: ['../../x', LONG_KEY], types: ['Photo'] },
      new RetsObjectSource(session),
      ctl()
    )
    expect(summary).toMatchObject({ written: 4, failed: 0 })
    const files = listFiles(dest).filter((f) => f.endsWith('.jpg'))
    expect(files).toEqual(['K'.repeat(200) + '/1.jpg', 'K'.repeat(200) + '/2.jpg', '_.._.._x/1.jpg', '_.._.._x/2.jpg'])
    expect(fileBytes(dest, '_.._.._x/2.jpg').equals(mls.ctx.data.photo('../../x', 2, 'Photo')!)).toBe(true)
    expect(manifestRows(dest).map((r) => r.listing)).toContain('../../x')
    assertContained(dest)

    // descriptions as file names: separators, reserved names, trailing dots, 400 bytes
    const dest2 = nestedDest('rets-descriptions')
    const named = await exportPhotos(
      { destination: dest2, listingKeys: ['CON'], types: ['Photo'], namingPattern: '{ListingKey}/{Description}.{ext}' },
      new RetsObjectSource(session),
      ctl()
    )
    expect(named.written).toBe(5)
    expect(listFiles(dest2).filter((f) => f.endsWith('.jpg'))).toEqual([
      '_CON/_.._.._.._etc_passwd.jpg',
      '_CON/_NUL.jpg',
      '_CON/_lpt1.txt..jpg', // header values arrive trimmed
      '_CON/a_b_c_d_e_f.jpg',
      `_CON/${'x'.repeat(196)}.jpg`
    ])
    expect(fileBytes(dest2, '_CON/_NUL.jpg').equals(mls.ctx.data.photo('CON', 2, 'Photo')!)).toBe(true)
    assertContained(dest2)
  })

  it('RESO records with control characters, reserved names, collisions and multi-byte captions', async () => {
    const dest = nestedDest('reso')
    const real = [...mls.ctx.data.listings()].find((l) => l.PhotosCount >= 2)!
    const url = (n: number): string => `${mls.url}/rets/media/${real.ListingKey}/Photo/${n}.jpg`
    const records = [
      {
        ListingKey: 'a\u0001b\u007f/../..',
        Media: [
          { Order: 1, MediaURL: url(1), ShortDescription: 'bell\u0007 ..' },
          { Order: 2, MediaURL: url(2), ShortDescription: 'COM1.photo' },
          { Order: 3, MediaURL: url(1), ShortDescription: '普通'.repeat(100) },
          { Order: 4, MediaURL: url(2), ShortDescription: 'COM1.photo' },
          { Order: 5, MediaURL: url(1), ShortDescription: 'com1.PHOTO' }
        ]
      }
    ]
    const summary = await exportPhotos(
      {
        destination: dest,
        listingKeys: ['a\u0001b\u007f/../..'],
        types: ['Photo'],
        namingPattern: '{ListingKey}/{Description}.{ext}'
      },
      new ResoMediaSource(resoRecordsFromList(records), { fetcher: downloadFetcher(new HttpClient(), 'omit') }),
      ctl()
    )
    expect(summary).toMatchObject({ written: 5, failed: 0 })
    const files = listFiles(dest).filter((f) => f.endsWith('.jpg'))
    // control characters → _, the `/` inside the key → _, trailing dots dropped
    const folder = 'a_b__.._'
    const longName = files.find((f) => f.includes('普通'))!
    expect(Buffer.byteLength(longName.split('/')[1]!)).toBeLessThanOrEqual(200)
    expect(longName.endsWith('.jpg')).toBe(true)
    expect(files.filter((f) => f !== longName)).toEqual([
      `${folder}/_COM1.photo-2.jpg`,
      `${folder}/_COM1.photo.jpg`,
      `${folder}/_com1.PHOTO-3.jpg`,
      `${folder}/bell_ ...jpg`
    ])
    expect(
      fileBytes(dest, `${folder}/_COM1.photo-2.jpg`).equals(mls.ctx.data.photo(real.ListingKey, 2, 'Photo')!)
    ).toBe(true)
    assertContained(dest)
  })
})
