import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

// every write call's size, to check that none passes the piece size
const sizes = vi.hoisted(() => [] as number[])
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  type Call = (...args: unknown[]) => unknown
  // write(fd, buffer, offset, length, …) and writeSync alike: the length is the fourth argument
  const recordLength =
    (original: unknown): Call =>
    (...args) => {
      sizes.push(args[3] as number)
      return (original as Call)(...args)
    }
  const writev: Call = (...args) => {
    sizes.push((args[1] as Buffer[]).reduce((n, c) => n + c.length, 0))
    return (fs.writev as unknown as Call)(...args)
  }
  return { ...fs, write: recordLength(fs.write), writeSync: recordLength(fs.writeSync), writev }
})

const { WRITE_PIECE, writeAllAt, writeAllAtSync, writevAll } =
  await import('../../../../src-main/platform/files/piecewise-write')

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-piecewise-'))
afterEach(() => {
  sizes.length = 0
})

/** `n` bytes that differ from position to position, so a piece written to the wrong place shows */
const bytes = (n: number, seed: number): Buffer =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 251))

function withFile(name: string, body: (fd: number) => Promise<void> | void): Promise<Buffer> {
  const file = path.join(dir, name)
  const fd = openSync(file, 'w+')
  return Promise.resolve(body(fd)).then(() => {
    closeSync(fd)
    const content = readFileSync(file)
    rmSync(file)
    return content
  })
}

describe('piecewise writes', () => {
  it('writeAllAt puts every byte at its position, in calls of at most 64 KB', async () => {
    const buf = bytes(3 * WRITE_PIECE + 5, 1)
    const content = await withFile('at', (fd) => writeAllAt(fd, buf, 10))
    expect(content.subarray(10).equals(buf)).toBe(true)
    expect(sizes).toEqual([WRITE_PIECE, WRITE_PIECE, WRITE_PIECE, 5])
  })

  it('writeAllAt fails with the system error once no piece is left writing', async () => {
    const file = path.join(dir, 'read-only')
    closeSync(openSync(file, 'w'))
    const fd = openSync(file, 'r')
    await expect(writeAllAt(fd, bytes(2 * WRITE_PIECE, 7), 0)).rejects.toMatchObject({ code: 'EBADF' })
    // both pieces went to the pool; the failure is the system's, not a generic one
    expect(sizes).toEqual([WRITE_PIECE, WRITE_PIECE])
    closeSync(fd)
  })

  it('writeAllAtSync does the same on this thread', async () => {
    const buf = bytes(WRITE_PIECE + 1, 2)
    const content = await withFile('sync', (fd) => writeAllAtSync(fd, buf, 0))
    expect(content.equals(buf)).toBe(true)
    expect(sizes).toEqual([WRITE_PIECE, 1])
  })

  it('writevAll gathers small chunks and splits large ones, keeping the order', async () => {
    const chunks = [bytes(1000, 3), bytes(70_000, 4), bytes(30_000, 5), Buffer.alloc(0), bytes(WRITE_PIECE, 6)]
    const content = await withFile('v', (fd) => writevAll(fd, chunks))
    expect(content.equals(Buffer.concat(chunks))).toBe(true)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(WRITE_PIECE)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(content.length)
    // 1000 + 64,536 of the second fill one call: gathered, not one call per chunk
    expect(sizes[0]).toBe(WRITE_PIECE)
  })
})
