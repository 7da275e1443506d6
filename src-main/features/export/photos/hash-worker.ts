// SHA-256 of the exported files on a worker thread, while their bytes stream to disk. Hashing ~300 MB of photos on
// the main thread was the largest share of the export's own CPU (the multipart splitter, the socket and the file
// writes need that thread too); the worker hashes the bytes once, as they pass, never re-reading a file.
//
// A file's chunks are gathered into one fresh buffer per POST_BYTES and transferred (not copied again). The bytes
// posted but not hashed yet are bounded: `drained()` waits while the backlog is above MAX_BACKLOG, which is the
// writer's backpressure to the network like a slow disk is.
import { Worker } from 'node:worker_threads'
import { AppError } from '../../../../contract/app-error'

const POST_BYTES = 256 * 1024
const MAX_BACKLOG = 8 * 1024 * 1024

// plain CommonJS for `eval`: no file to ship next to the bundle, and no loader hooks inherited (execArgv: [])
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const open = new Map()
parentPort.on('message', ({ id, chunk, end, drop }) => {
  let hash = open.get(id)
  if (!hash) open.set(id, (hash = createHash('sha256')))
  if (chunk) hash.update(new Uint8Array(chunk))
  const bytes = chunk ? chunk.byteLength : 0
  if (!end) return parentPort.postMessage({ id, bytes })
  open.delete(id)
  parentPort.postMessage({ id, bytes, sha256: drop ? '' : hash.digest('hex') })
})
`

interface Reply {
  id: number
  bytes: number
  sha256?: string
}

function hashFailure(cause: unknown): AppError {
  return new AppError({
    code: 'EXPORT_HASH_FAILED',
    message: `The SHA-256 worker stopped: ${(cause as Error)?.message ?? String(cause)}`,
    hint: 'Run the export again: finished files are kept and skipped.'
  })
}

/** One worker per export; `close()` ends it. */
export class HashWorker {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] })
  private readonly digests = new Map<number, { resolve: (hex: string) => void; reject: (err: Error) => void }>()
  private waiters: Array<() => void> = []
  private backlog = 0
  private nextId = 1
  private failure: Error | undefined

  constructor() {
    this.worker.on('message', (reply: Reply) => this.received(reply))
    this.worker.on('error', (err) => this.fail(err))
    this.worker.on('exit', (code) => this.fail(new Error(`exit code ${code}`)))
  }

  /** An incremental hash for one file. */
  open(): FileHash {
    return new FileHash(this, this.nextId++)
  }

  /** Resolves once the worker is not too far behind (rejects if it stopped). */
  drained(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.backlog <= MAX_BACKLOG) return Promise.resolve()
    return new Promise((resolve, reject) => this.waiters.push(() => (this.failure ? reject(this.failure) : resolve())))
  }

  async close(): Promise<void> {
    this.failure ??= hashFailure(new Error('the export ended'))
    await this.worker.terminate()
  }

  /** @internal */
  post(id: number, chunk: Buffer | undefined, end: 'digest' | 'drop' | undefined): Promise<string> | undefined {
    if (this.failure) {
      if (end === 'digest') return Promise.reject(this.failure)
      return undefined
    }
    // transferring a view of a shared (pooled) ArrayBuffer would detach the pool: those bytes are copied first
    const owned = chunk !== undefined && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
    const data = chunk ? (owned ? chunk.buffer : new Uint8Array(chunk).buffer) : undefined
    if (chunk) this.backlog += chunk.byteLength
    this.worker.postMessage(
      { id, chunk: data, end: end !== undefined, drop: end === 'drop' },
      data ? [data as ArrayBuffer] : []
    )
    if (end !== 'digest') return undefined
    return new Promise((resolve, reject) => this.digests.set(id, { resolve, reject }))
  }

  private received(reply: Reply): void {
    this.backlog -= reply.bytes
    if (reply.sha256 !== undefined) {
      this.digests.get(reply.id)?.resolve(reply.sha256)
      this.digests.delete(reply.id)
    }
    if (this.backlog <= MAX_BACKLOG) this.wake()
  }

  private fail(cause: unknown): void {
    if (this.failure) return
    this.failure = hashFailure(cause)
    for (const d of this.digests.values()) d.reject(this.failure)
    this.digests.clear()
    this.wake()
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

/** Gathers a file's chunks into POST_BYTES pieces for the worker. */
export class FileHash {
  private pending: Buffer[] = []
  private pendingBytes = 0

  constructor(
    private readonly worker: HashWorker,
    private readonly id: number
  ) {}

  update(chunk: Buffer): void {
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes >= POST_BYTES) this.worker.post(this.id, this.take(), undefined)
  }

  digest(): Promise<string> {
    return this.worker.post(this.id, this.take(), 'digest')!
  }

  /** Forgets the file (aborted): its bytes are not hashed. */
  drop(): void {
    this.pending = []
    this.pendingBytes = 0
    this.worker.post(this.id, undefined, 'drop')
  }

  private take(): Buffer | undefined {
    if (this.pendingBytes === 0) return undefined
    // a copy even for one chunk: the caller's chunk (a view of a socket read) must stay usable
    const whole = Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    return whole
  }
}
