import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  AtomicWriteStream,
  createAtomicWriteStream,
  tempPathFor,
  writeFileAtomic
} from '../../../../src-main/platform/files/atomic-write'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mlswb-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('writes a new file, replaces an old one, and leaves only the target in the folder', async () => {
    const file = path.join(dir, 'sub', 'a.json')
    await writeFileAtomic(file, 'first\n')
    await writeFileAtomic(file, Buffer.from('second\n'))
    expect(await readFile(file, 'utf8')).toBe('second\n')
    expect(await readdir(path.dirname(file))).toEqual(['a.json'])
  })

  it('applies the requested mode', async () => {
    const file = path.join(dir, 'secret.json')
    await writeFileAtomic(file, 'x', { mode: 0o600 })
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('keeps the old content and leaves no temp file when the rename fails', async () => {
    // a folder with the target's name makes rename() fail after the temp file was fully written
    const target = path.join(dir, 'taken')
    await writeFile(path.join(dir, 'keep.txt'), 'old')
    await mkdir(target)
    await writeFile(path.join(target, 'inside'), 'x')
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['keep.txt', 'taken'])
  })

  it('temp files are hidden siblings with unique names', () => {
    const a = tempPathFor('/x/y/report.csv')
    const b = tempPathFor('/x/y/report.csv')
    expect(path.dirname(a)).toBe('/x/y')
    expect(path.basename(a)).toMatch(/^\.report\.csv\.[0-9a-f]{12}\.tmp$/)
    expect(a).not.toBe(b)
  })
})

describe('AtomicWriteStream', () => {
  it('commits on finish: the target appears only after end()', async () => {
    const file = path.join(dir, 'out.csv')
    const stream = await createAtomicWriteStream(file)
    stream.write('a,b\n')
    await new Promise((r) => setTimeout(r, 20))
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' })
    await pipeline(Readable.from(['1,2\n', '3,4\n']), stream)
    expect(await readFile(file, 'utf8')).toBe('a,b\n1,2\n3,4\n')
    expect(await readdir(dir)).toEqual(['out.csv'])
  })

  it('a failing source removes the temp file and keeps the previous file', async () => {
    const file = path.join(dir, 'out.csv')
    await writeFile(file, 'previous')
    const stream = await createAtomicWriteStream(file)
    let n = 0
    const failing = new Transform({
      transform(chunk, _enc, cb) {
        n++
        cb(n === 3 ? new Error('source broke') : null, chunk)
      }
    })
    await expect(pipeline(Readable.from(['a', 'b', 'c', 'd']), failing, stream)).rejects.toThrow('source broke')
    expect(await readFile(file, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['out.csv'])
  })

  it('abort() removes the temp file and never creates the target', async () => {
    const file = path.join(dir, 'photo.jpg')
    const stream = await createAtomicWriteStream(file)
    await new Promise<void>((resolve, reject) =>
      stream.write(Buffer.alloc(1024, 1), (e) => (e ? reject(e) : resolve()))
    )
    expect((await readdir(dir)).length).toBe(1)
    await stream.abort()
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses at once when the temp file cannot be created (its folder is a file)', async () => {
    const notAFolder = path.join(dir, 'plain-file')
    await writeFile(notAFolder, 'x')
    expect(() => new AtomicWriteStream(path.join(notAFolder, 'x.txt'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR' })
    )
    expect(await readdir(dir)).toEqual(['plain-file'])
    expect(await readFile(notAFolder, 'utf8')).toBe('x')
  })
})
