import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManifestWriter } from '../../../../src-main/features/export/photos/export-manifest'
import { ResumeIndex } from '../../../../src-main/features/export/photos/resume-index'
import type { ManifestRow } from '../../../../src-main/features/export/photos/photo-export-types'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

/** A destination with three files written by an earlier run (and their manifest rows). */
async function previousRun(): Promise<{ dir: string; rows: ManifestRow[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'resume-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, 'L1'))
  const rows: ManifestRow[] = []
  const w = new ManifestWriter(dir)
  for (const n of [1, 2, 3]) {
    const data = Buffer.from(`photo ${n}`)
    writeFileSync(path.join(dir, 'L1', `${n}.jpg`), data)
    const row: ManifestRow = {
      listing: 'L1',
      resource: 'Property',
      type: 'Photo',
      objectId: String(n),
      file: `L1/${n}.jpg`,
      bytes: data.length,
      sha256: sha(data),
      contentType: 'image/jpeg',
      description: '',
      sourceUrl: '',
      status: 'written',
      error: '',
      at: ''
    }
    rows.push(row)
    w.append(row)
  }
  w.append({
    ...rows[0]!,
    objectId: '4',
    file: '',
    bytes: 0,
    sha256: '',
    status: 'failed',
    error: '20403 No Object Found'
  })
  await w.close()
  return { dir, rows }
}

const id = (objectId: string) => ({ resource: 'Property', type: 'Photo', listing: 'L1', objectId })

describe('resume index', () => {
  it('an object is complete only when its file has the recorded size and hash', async () => {
    const { dir } = await previousRun()
    writeFileSync(path.join(dir, 'L1', '2.jpg'), 'photo X') // same size, other bytes
    rmSync(path.join(dir, 'L1', '3.jpg'))
    const index = await ResumeIndex.load(dir, { resume: true, verify: 'hash' })
    expect(index.completed(id('1'))).toBeUndefined() // not verified yet
    await index.verifyListings('Property', 'Photo', ['L1'])
    expect(index.completed(id('1'))?.file).toBe('L1/1.jpg')
    expect(index.completed(id('2'))).toBeUndefined()
    expect(index.completed(id('3'))).toBeUndefined()
    expect(index.ownedFiles.has('l1/3.jpg')).toBe(true)

    const sizeOnly = await ResumeIndex.load(dir, { resume: true, verify: 'size' })
    await sizeOnly.verifyListings('Property', 'Photo', ['L1'])
    expect(sizeOnly.completed(id('2'))?.file).toBe('L1/2.jpg')
  })

  it('a listing journaled as done is skipped only with the same id selection and all its files intact', async () => {
    const { dir } = await previousRun()
    const first = await ResumeIndex.load(dir, { resume: true, verify: 'hash' })
    await first.markListingsDone('Property', 'Photo', ['L1'], '*')
    const index = await ResumeIndex.load(dir, { resume: true, verify: 'hash' })
    await index.verifyListings('Property', 'Photo', ['L1'])
    expect(index.finishedListing('Property', 'Photo', 'L1', '*', false)?.map((r) => r.status)).toEqual([
      'written',
      'written',
      'written',
      'failed'
    ])
    expect(index.finishedListing('Property', 'Photo', 'L1', '0', false)).toBeUndefined()
    expect(index.finishedListing('Property', 'HiRes', 'L1', '*', false)).toBeUndefined()
    // retryFailed asks again for listings with failed objects
    expect(index.finishedListing('Property', 'Photo', 'L1', '*', true)).toBeUndefined()

    rmSync(path.join(dir, 'L1', '2.jpg'))
    const damaged = await ResumeIndex.load(dir, { resume: true, verify: 'hash' })
    await damaged.verifyListings('Property', 'Photo', ['L1'])
    expect(damaged.finishedListing('Property', 'Photo', 'L1', '*', false)).toBeUndefined()
  })

  it('resume off: nothing counts as complete, but earlier files stay ours to overwrite', async () => {
    const { dir } = await previousRun()
    const index = await ResumeIndex.load(dir, { resume: false, verify: 'hash' })
    await index.markListingsDone('Property', 'Photo', ['L1'], '*')
    await index.verifyListings('Property', 'Photo', ['L1'])
    expect(index.completed(id('1'))).toBeUndefined()
    expect(index.finishedListing('Property', 'Photo', 'L1', '*', false)).toBeUndefined()
    expect(index.ownedFiles.has('l1/1.jpg')).toBe(true)
  })
})
