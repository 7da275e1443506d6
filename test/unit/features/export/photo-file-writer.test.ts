import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PhotoFileWriter, WriteBudget } from '../../../../src-main/features/export/photos/photo-file-writer'
import { sharedFileLane, type PhotoFileLane } from '../../../../src-main/features/export/photos/photo-file-lane'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const temp = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'photo-writer-'))
  dirs.push(d)
  return d
}

/** The app's lane, its hand-overs counted (bytes each, `last` marked); `hold` delays every append until released. */
function countingLane(): { lane: PhotoFileLane; calls: string[]; release: () => void; hold: boolean } {
  const calls: string[] = []
  const held: Array<() => void> = []
  const state = {
    calls,
    hold: false,
    release: () => held.splice(0).forEach((go) => go()),
    lane: {
      append: async (slot: number, partPath: string, chunks: Buffer[], last: boolean) => {
        calls.push(`append ${chunks.reduce((n, c) => n + c.length, 0)}${last ? ' last' : ''}`)
        if (state.hold) await new Promise<void>((go) => held.push(go))
        return sharedFileLane.append(slot, partPath, chunks, last)
      },
      rename: (from: string, to: string) => (calls.push('rename'), sharedFileLane.rename(from, to)),
      release: (slot: number) => sharedFileLane.release(slot)
    }
  }
  return state
}

describe('PhotoFileWriter', () => {
  it('a photo costs one hand-over to the lane, its rename one more; the final name appears only on commit', async () => {
    const dir = temp()
    const photo = randomBytes(300_000)
    const { lane, calls } = countingLane()
    const w = new PhotoFileWriter(path.join(dir, '1.jpg'), () => undefined, { lane })
    for (let o = 0; o < photo.length; o += 65536) expect(w.write(photo.subarray(o, o + 65536))).toBe(true)
    const result = await w.finish()
    expect(result).toEqual({ bytes: photo.length, sha256: createHash('sha256').update(photo).digest('hex') })
    expect(calls).toEqual(['append 300000 last'])
    expect(existsSync(path.join(dir, '1.jpg'))).toBe(false)
    expect(readFileSync(path.join(dir, '1.jpg.part')).equals(photo)).toBe(true)
    await w.commit()
    expect(calls).toEqual(['append 300000 last', 'rename'])
    expect(readFileSync(path.join(dir, '1.jpg')).equals(photo)).toBe(true)
    expect(existsSync(path.join(dir, '1.jpg.part'))).toBe(false)
  })

  it('a photo larger than one gathered write is hashed as its pieces go out and written in order', async () => {
    const dir = temp()
    const photo = randomBytes(2_500_000)
    const { lane, calls } = countingLane()
    const w = new PhotoFileWriter(path.join(dir, 'big.jpg'), () => undefined, { lane })
    for (let o = 0; o < photo.length; o += 65536) w.write(photo.subarray(o, o + 65536))
    expect(await w.finish()).toEqual({
      bytes: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex')
    })
    // 1 MB gathered per hand-over (16 chunks of 64 KB), the rest with the end
    expect(calls).toEqual(['append 1048576', 'append 1048576', 'append 402848 last'])
    expect(readFileSync(path.join(dir, 'big.jpg.part')).equals(photo)).toBe(true)
  })

  it('the shared budget holds the network back while finished photos are still on their way to disk', async () => {
    const dir = temp()
    const counting = countingLane()
    counting.hold = true
    const budget = new WriteBudget(1_500_000)
    const opts = { lane: counting.lane, budget }
    const first = new PhotoFileWriter(path.join(dir, '1.jpg'), () => undefined, opts)
    first.write(randomBytes(1_200_000))
    const finishing = first.finish()
    const second = new PhotoFileWriter(path.join(dir, '2.jpg'), () => undefined, opts)
    expect(second.write(randomBytes(400_000))).toBe(false)
    let drained = false
    const waiting = second.drained().then(() => (drained = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(drained).toBe(false)
    counting.hold = false
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
