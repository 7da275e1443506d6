// Bulk writes go to the file in calls of at most 64 KB. Linux (6.x, large folios) gives a write page-cache folios
// as large as the write; on a VM whose free high-order memory went back to the hypervisor (free page reporting, as
// on these machines) every such folio is a host fault when first filled. Measured here, 147 MB to a new file:
// 512 KB pwrites 263–585 ms of kernel time, 64 KB ones 38–50 ms (this thread) or 106–124 ms (on the thread pool,
// one after the other). Where large folios are cheap the extra calls cost next to nothing.
import { write, writeSync, writev } from 'node:fs'

export const WRITE_PIECE = 64 * 1024

function writeCall(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    write(fd, buf, offset, length, position, (err, n) => (err ? reject(err) : resolve(n)))
  )
}

function writevCall(fd: number, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => writev(fd, chunks, (err, n) => (err ? reject(err) : resolve(n))))
}

const noProgress = (): Error => Object.assign(new Error('no progress writing'), { code: 'EIO' })

/**
 * All of `buf` at `position`, on the thread pool: every piece is handed over at once (each to its own position),
 * so the pieces do not wait for this thread between them; a short write goes on from where it stopped. Settles
 * only once no piece still uses `fd` (the caller may close it then), with the first failure if any.
 */
export async function writeAllAt(fd: number, buf: Buffer, position: number): Promise<void> {
  const pieces: Array<Promise<void>> = []
  for (let at = 0; at < buf.length; at += WRITE_PIECE) {
    pieces.push(writePiece(fd, buf, at, Math.min(at + WRITE_PIECE, buf.length), position))
  }
  const failed = (await Promise.allSettled(pieces)).find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

async function writePiece(fd: number, buf: Buffer, from: number, to: number, position: number): Promise<void> {
  for (let at = from; at < to;) {
    const n = await writeCall(fd, buf, at, to - at, position + at)
    if (n === 0) throw noProgress()
    at += n
  }
}

/** The same on this thread. */
export function writeAllAtSync(fd: number, buf: Buffer, position: number): void {
  for (let at = 0; at < buf.length;) {
    const n = writeSync(fd, buf, at, Math.min(WRITE_PIECE, buf.length - at), position + at)
    if (n === 0) throw noProgress()
    at += n
  }
}

/** `chunks` at the file's current end: consecutive chunks gathered into writev calls of at most WRITE_PIECE. */
export async function writevAll(fd: number, chunks: Buffer[]): Promise<void> {
  let batch: Buffer[] = []
  let size = 0
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length;) {
      const piece = chunk.subarray(at, at + WRITE_PIECE - size)
      batch.push(piece)
      size += piece.length
      at += piece.length
      if (size === WRITE_PIECE) {
        await writevFully(fd, batch)
        batch = []
        size = 0
      }
    }
  }
  if (batch.length > 0) await writevFully(fd, batch)
}

async function writevFully(fd: number, chunks: Buffer[]): Promise<void> {
  let rest = chunks
  while (rest.length > 0) {
    const written = await writevCall(fd, rest)
    if (written === 0) throw noProgress()
    // a short write (rare on a regular file): go on from the first byte not written
    let skip = written
    while (rest.length > 0 && skip >= rest[0]!.length) skip -= rest.shift()!.length
    if (skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)]
  }
}
