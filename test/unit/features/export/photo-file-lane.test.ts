import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkerFileLane } from '../../../../src-main/features/export/photos/photo-file-lane'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const temp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'photo-lane-'))
  dirs.push(d)
  return d
}
const sha256 = (...parts: Buffer[]): string => createHash('sha256').update(Buffer.concat(parts)).digest('hex')
let slots = 0

describe('WorkerFileLane', () => {
  it('writes a file from appends in order and answers its SHA-256 with the last one', async () => {
    const lane = new WorkerFileLane()
    const file = path.join(temp(), '1.jpg.part')
    const parts = [randomBytes(70_000), randomBytes(1), randomBytes(200_000)]
    const slot = slots++
    expect(await lane.append(slot, file, [parts[0]!.subarray(0, 5), parts[0]!.subarray(5)], false)).toBeUndefined()
    expect(await lane.append(slot, file, [parts[1]!], false)).toBeUndefined()
    expect(await lane.append(slot, file, [parts[2]!], true)).toBe(sha256(...parts))
    expect(readFileSync(file).equals(Buffer.concat(parts))).toBe(true)
  })

  it('an empty file is created too, with the SHA-256 of nothing', async () => {
    const file = path.join(temp(), 'empty.part')
    expect(await new WorkerFileLane().append(slots++, file, [], true)).toBe(sha256())
    expect(readFileSync(file).length).toBe(0)
  })

  it('never opens an existing file: the error says so, and that the .part is not its own', async () => {
    const file = path.join(temp(), 'theirs.part')
    writeFileSync(file, 'not ours')
    await expect(new WorkerFileLane().append(slots++, file, [Buffer.from('x')], true)).rejects.toMatchObject({
      code: 'EEXIST',
      syscall: 'open',
      created: false
    })
    expect(readFileSync(file, 'utf8')).toBe('not ours')
  })

  it('photos that do not fit the ring go over as copies; every file stays whole and in order', async () => {
    // a 256 KB ring and 40 photos of 30-150 KB in flight at once: ranges wrap, fill up, and overflow
    const lane = new WorkerFileLane(256 * 1024)
    const dir = temp()
    const photos = Array.from({ length: 40 }, (_, i) => randomBytes(30_000 + ((i * 7919) % 120_000)))
    const answers = await Promise.all(
      photos.map((photo, i) => {
        const cut = photo.length >> 1
        return lane.append(slots++, path.join(dir, `${i}.jpg`), [photo.subarray(0, cut), photo.subarray(cut)], true)
      })
    )
    photos.forEach((photo, i) => {
      expect(answers[i]).toBe(sha256(photo))
      expect(readFileSync(path.join(dir, `${i}.jpg`)).equals(photo)).toBe(true)
    })
  })

  it('renames, and a failed rename rejects with the file call error', async () => {
    const lane = new WorkerFileLane()
    const dir = temp()
    const part = path.join(dir, '1.jpg.part')
    await lane.append(slots++, part, [Buffer.from('bytes')], true)
    await lane.rename(part, path.join(dir, '1.jpg'))
    expect(readdirSync(dir)).toEqual(['1.jpg'])
    // a folder with content where the file should go
    mkdirSync(path.join(dir, '2.jpg'))
    writeFileSync(path.join(dir, '2.jpg', 'x'), 'x')
    await expect(lane.rename(path.join(dir, '1.jpg'), path.join(dir, '2.jpg'))).rejects.toMatchObject({
      syscall: 'rename'
    })
    expect(existsSync(path.join(dir, '1.jpg'))).toBe(true)
  })

  it.runIf(process.platform === 'linux')('release closes a file left open (cancel, failure)', async () => {
    const lane = new WorkerFileLane()
    const file = path.join(temp(), 'cut.part')
    const slot = slots++
    // the worker runs before counting: its own descriptors are not the file's
    await lane.append(slots++, path.join(temp(), 'warm.part'), [], true)
    const before = readdirSync('/proc/self/fd').length
    await lane.append(slot, file, [Buffer.from('half a photo')], false)
    expect(readdirSync('/proc/self/fd').length).toBe(before + 1)
    await lane.release(slot)
    expect(readdirSync('/proc/self/fd').length).toBe(before)
    expect(readFileSync(file, 'utf8')).toBe('half a photo')
  })

  it.runIf(process.platform === 'linux')(
    'a last append that fails after the open leaves the file to release, and the worker running until then',
    async () => {
      const lane = new WorkerFileLane(1 << 20, 30)
      const running = (): boolean => (lane as unknown as { running?: unknown }).running !== undefined
      const dir = temp()
      await lane.append(slots++, path.join(dir, 'warm'), [], true)
      const slot = slots++
      // the descriptors open once the listing's own is closed again
      const openFds = (): number[] =>
        readdirSync('/proc/self/fd')
          .map(Number)
          .filter((n) => {
            try {
              fstatSync(n)
              return true
            } catch {
              return false
            }
          })
      const before = new Set(openFds())
      await lane.append(slot, path.join(dir, 'cut.part'), [Buffer.from('half')], false)
      const added = openFds().filter((n) => !before.has(n))
      expect(added).toHaveLength(1)
      const fd = added[0]!
      // the disk fails the next write: the worker's descriptor now names a file open for reading only
      closeSync(fd)
      const held: number[] = []
      while (held.length < 20 && held[held.length - 1] !== fd) held.push(openSync(path.join(dir, 'warm'), 'r'))
      expect(held[held.length - 1]).toBe(fd)
      await expect(lane.append(slot, path.join(dir, 'cut.part'), [Buffer.from('rest')], true)).rejects.toMatchObject({
        syscall: 'write',
        created: true
      })
      await new Promise((r) => setTimeout(r, 100))
      expect(running()).toBe(true)
      await lane.release(slot)
      // released: the worker closed it (the read-only one we put there)
      expect(openFds()).not.toContain(fd)
      for (const other of held.slice(0, -1)) closeSync(other)
      await new Promise((r) => setTimeout(r, 100))
      expect(running()).toBe(false)
    }
  )

  it('the worker stops when idle and starts again with the next file', async () => {
    const lane = new WorkerFileLane(1 << 20, 30)
    const running = (): boolean => (lane as unknown as { running?: unknown }).running !== undefined
    const dir = temp()
    await lane.append(slots++, path.join(dir, 'a'), [Buffer.from('a')], true)
    expect(running()).toBe(true)
    // a file still open keeps it
    const open = slots++
    await lane.append(open, path.join(dir, 'b'), [Buffer.from('b')], false)
    await new Promise((r) => setTimeout(r, 100))
    expect(running()).toBe(true)
    await lane.append(open, path.join(dir, 'b'), [Buffer.from('c')], true)
    await new Promise((r) => setTimeout(r, 100))
    expect(running()).toBe(false)
    expect(await lane.append(slots++, path.join(dir, 'd'), [Buffer.from('d')], true)).toBe(sha256(Buffer.from('d')))
    expect(readFileSync(path.join(dir, 'b'), 'utf8')).toBe('bc')
  })
})
