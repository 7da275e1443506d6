import { createHash, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { HashWorker } from '../../../../src-main/features/export/photos/hash-worker'

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

describe('HashWorker', () => {
  let worker: HashWorker | undefined
  afterEach(async () => {
    await worker?.close()
    worker = undefined
  })

  it('digests interleaved files fed in views, pooled slices and large chunks, and leaves the chunks intact', async () => {
    worker = new HashWorker()
    const big = randomBytes(3 * 1024 * 1024 + 17)
    const socketRead = randomBytes(65536)
    const pieces = [socketRead.subarray(10, 300), Buffer.from('tiny'), socketRead.subarray(300)]
    const a = worker.open()
    const b = worker.open()
    const empty = worker.open()
    for (let o = 0; o < big.length; o += 50_000) {
      a.update(big.subarray(o, o + 50_000))
      b.update(pieces[(o / 50_000) % 3]!)
    }
    const fedB = Buffer.concat(Array.from({ length: Math.ceil(big.length / 50_000) }, (_, i) => pieces[i % 3]!))
    expect(await Promise.all([a.digest(), b.digest(), empty.digest()])).toEqual([
      sha(big),
      sha(fedB),
      sha(Buffer.alloc(0))
    ])
    // nothing the caller still holds was detached by the transfer
    expect(socketRead.length).toBe(65536)
    expect(big.length).toBe(3 * 1024 * 1024 + 17)
    await worker.drained()
  })

  it('a dropped file does not disturb the others; after close, digests reject instead of hanging', async () => {
    worker = new HashWorker()
    const dropped = worker.open()
    const kept = worker.open()
    dropped.update(randomBytes(400_000))
    kept.update(Buffer.from('kept'))
    dropped.drop()
    expect(await kept.digest()).toBe(sha(Buffer.from('kept')))
    await worker.close()
    await expect(worker.open().digest()).rejects.toMatchObject({ code: 'EXPORT_HASH_FAILED' })
  })
})
