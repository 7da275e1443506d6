import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  defaultFileOps,
  PhotoFileWriter,
  WriteBudget,
  type PhotoFileOps
} from '../../../../src-main/features/export/photos/photo-file-writer'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const temp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'photo-writer-'))
  dirs.push(d)
  return d
}

/** The real file calls, counted; `hold` delays every write until released. */
function countingOps(): { ops: PhotoFileOps; calls: string[]; release: () => void; hold: boolean } {
  const calls: string[] = []
  const held: Array<() => void> = []
  const state = {
    calls,
    hold: false,
    release: () => held.splice(0).forEach((go) => go()),
    ops: {
      open: (p: string) => (calls.push('open'), defaultFileOps.open(p)),
      writev: async (fd: number, chunks: Buffer[]) => {
        calls.push(`writev ${chunks.length}`)
        if (state.hold) await new Promise<void>((go) => held.push(go))
        return defaultFileOps.writev(fd, chunks)
      },
      close: (fd: number) => (calls.push('close'), defaultFileOps.close(fd))
    }
  }
  return state
}

describe('PhotoFileWriter', () => {
  it('a photo costs open, one gathered writev, close; the final name appears only on commit', async () => {
    const dir = temp()
    const photo = randomBytes(300_000)
    const { ops, calls } = countingOps()
    const w = new PhotoFileWriter(path.join(dir, '1.jpg'), () => undefined, { ops })
    for (let o = 0; o < photo.length; o += 65536) expect(w.write(photo.subarray(o, o + 65536))).toBe(true)
    const result = await w.finish()
    expect(result).toEqual({ bytes: photo.length, sha256: createHash('sha256').update(photo).digest('hex') })
    expect(calls).toEqual(['open', 'writev 5', 'close'])
    expect(existsSync(path.join(dir, '1.jpg'))).toBe(false)
    expect(readFileSync(path.join(dir, '1.jpg.part')).equals(photo)).toBe(true)
    await w.commit()
    expect(readFileSync(path.join(dir, '1.jpg')).equals(photo)).toBe(true)
    expect(existsSync(path.join(dir, '1.jpg.part'))).toBe(false)
  })

  it('a photo larger than one gathered write is hashed as its pieces go out and written in order', async () => {
    const dir = temp()
    const photo = randomBytes(2_500_000)
    const { ops, calls } = countingOps()
    const w = new PhotoFileWriter(path.join(dir, 'big.jpg'), () => undefined, { ops })
    for (let o = 0; o < photo.length; o += 65536) w.write(photo.subarray(o, o + 65536))
    expect(await w.finish()).toEqual({
      bytes: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex')
    })
    expect(calls.filter((c) => c.startsWith('writev'))).toHaveLength(3)
    expect(readFileSync(path.join(dir, 'big.jpg.part')).equals(photo)).toBe(true)
  })

  it('the shared budget holds the network back while finished photos are still on their way to disk', async () => {
    const dir = temp()
    const counting = countingOps()
    counting.hold = true
    const budget = new WriteBudget(1_500_000)
    const opts = { ops: counting.ops, budget }
    const first = new PhotoFileWriter(path.join(dir, '1.jpg'), () => undefined, opts)
    first.write(randomBytes(1_200_000))
    const finishing = first.finish()
    const second = new PhotoFileWriter(path.join(dir, '2.jpg'), () => undefined, opts)
    expect(second.write(randomBytes(400_000))).toBe(false)
    let drained = false
    const waiting = second.drained().then(() => (drained = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(drained).toBe(false)
    counting.release()
    await finishing
    await waiting
    expect(budget.full).toBe(false)
    await second.abort()
    expect(existsSync(path.join(dir, '2.jpg.part'))).toBe(false)
  })

  it('a rename that fails removes the .part and is a fatal export error', async () => {
    const dir = temp()
    const w = new PhotoFileWriter(path.join(dir, '1.jpg'), () => undefined)
    w.write(Buffer.from('bytes'))
    await w.finish()
    // something else took the final name meanwhile (a folder with content): the rename fails
    mkdirSync(path.join(dir, '1.jpg'))
    writeFileSync(path.join(dir, '1.jpg', 'x'), 'x')
    expect(existsSync(path.join(dir, '1.jpg.part'))).toBe(true)
    await expect(w.commit()).rejects.toMatchObject({ code: expect.stringMatching(/^EXPORT_/) })
    expect(existsSync(path.join(dir, '1.jpg.part'))).toBe(false)
  })
})
