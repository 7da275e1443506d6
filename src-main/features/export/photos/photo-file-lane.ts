// Where an export's bytes are written and hashed: one worker thread, with blocking calls. A photo (a few hundred KB,
// usually whole by the time its part ends) goes over as one range of a shared ring buffer and comes back as its
// SHA-256; its rename is one more message. On the thread pool the same photo cost ~9 hand-overs (open, 64 KB writes,
// close, rename), each waking a pool thread and then this one, its hash ran on this thread, and its chunks waited
// in memory for their turn. Measured side by side (bench getobject, ~1,000 photos): 880 vs 944 ms, 730-760 ms once
// the ring copy was a memcpy (byte-ring.ts), and the app's main thread free of the hash. The ring is shared memory:
// no buffer is made per photo, so neither the allocator nor the garbage collector has new memory to find. The worker
// starts with the first file and stops once no file is open and nothing was asked for a few seconds.
import { Worker } from 'node:worker_threads'
import { ByteRing } from './byte-ring'

export interface PhotoFileLane {
  /**
   * Appends `chunks` to the file `slot`, whose `.part` at `partPath` the first call creates (never an existing one).
   * `last` closes it and resolves with the SHA-256 of all its bytes. A rejection's error has `created: true` when the
   * `.part` exists (the caller's to remove).
   */
  append(slot: number, partPath: string, chunks: Buffer[], last: boolean): Promise<string | undefined>
  rename(from: string, to: string): Promise<void>
  /** Closes the file if a failure or a cancel left it open. */
  release(slot: number): Promise<void>
}

export type LaneError = NodeJS.ErrnoException & { created?: boolean }

// plain CommonJS, so it runs the same from sources (tsx, vitest) and from the bundled app: no file to locate.
// 64 KB a write call: see platform/files/piecewise-write.ts.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { openSync, writeSync, closeSync, renameSync } = require('node:fs')
const { createHash } = require('node:crypto')
const ring = Buffer.from(workerData.ring)
const files = new Map()

function append({ slot, path, at, size, copy, last }) {
  let file = files.get(slot)
  if (!file) {
    file = { fd: openSync(path, 'wx'), hash: createHash('sha256') }
    files.set(slot, file)
  }
  const bytes = copy ? Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength) : ring.subarray(at, at + size)
  for (let done = 0; done < bytes.length; ) {
    const n = writeSync(file.fd, bytes, done, Math.min(65536, bytes.length - done))
    if (n === 0) throw Object.assign(new Error('no progress writing'), { code: 'EIO', syscall: 'write' })
    done += n
  }
  file.hash.update(bytes)
  if (!last) return undefined
  files.delete(slot)
  closeSync(file.fd)
  return file.hash.digest('hex')
}

function release({ slot }) {
  const file = files.get(slot)
  files.delete(slot)
  if (file) closeSync(file.fd)
}

const ops = { append, release, rename: ({ path, to }) => renameSync(path, to) }

parentPort.on('message', (m) => {
  const opened = files.has(m.slot)
  try {
    parentPort.postMessage({ id: m.id, value: ops[m.op](m) })
  } catch (e) {
    const error = { message: e.message, code: e.code, syscall: e.syscall, errno: e.errno, path: e.path }
    // the .part is there unless this was its open that failed (an existing one is never ours)
    error.created = opened || (m.op === 'append' && e.syscall !== 'open')
    parentPort.postMessage({ id: m.id, error })
  }
})
`

/** Idle time after which the worker stops (no file open, nothing asked). */
const IDLE_MS = 3000
/** Room for what an export holds (WriteBudget's 8 MB) and a range lost at the wrap; past it a photo goes over as a
 * copy of its own. */
const RING_BYTES = 10 << 20

interface Pending {
  resolve: (value: string | undefined) => void
  reject: (err: Error) => void
  /** the call holds the ring's oldest range until it is answered */
  holds: boolean
  /** the file a successful answer closes (a failed last append leaves it open in the worker, for release) */
  closes?: number | undefined
}

interface Running {
  worker: Worker
  /** shared with the worker; it goes with it (its pages stay in memory once touched) */
  ring: ByteRing
}

export class WorkerFileLane implements PhotoFileLane {
  private running: Running | undefined
  private readonly pending = new Map<number, Pending>()
  private readonly open = new Set<number>()
  private nextId = 0
  private idleTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly ringBytes = RING_BYTES,
    private readonly idleMs = IDLE_MS
  ) {}

  append(slot: number, partPath: string, chunks: Buffer[], last: boolean): Promise<string | undefined> {
    this.open.add(slot)
    const message = { op: 'append', slot, path: partPath, last }
    const closes = last ? slot : undefined
    const size = chunks.reduce((n, c) => n + c.length, 0)
    const { ring } = this.lane()
    const at = size > 0 ? ring.reserve(size) : undefined
    if (at === undefined) return this.call({ ...message, copy: Buffer.concat(chunks, size) }, { holds: false, closes })
    ring.fill(at, chunks)
    return this.call({ ...message, at, size }, { holds: true, closes })
  }

  async rename(from: string, to: string): Promise<void> {
    await this.call({ op: 'rename', slot: -1, path: from, to }, { holds: false })
  }

  async release(slot: number): Promise<void> {
    if (!this.open.delete(slot) || !this.running) return
    await this.call({ op: 'release', slot }, { holds: false })
  }

  private lane(): Running {
    clearTimeout(this.idleTimer)
    return (this.running ??= this.start())
  }

  private call(
    message: Record<string, unknown>,
    effects: Pick<Pending, 'holds' | 'closes'>
  ): Promise<string | undefined> {
    const { worker } = this.lane()
    worker.ref() // an answer is awaited: the process must not exit meanwhile
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...effects })
      worker.postMessage({ ...message, id })
    })
  }

  private start(): Running {
    const ring = new ByteRing(this.ringBytes)
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ring: ring.shared },
      // it only passes bytes from shared memory to the kernel: a small heap keeps the export's memory where it was
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 }
    })
    worker.on('message', (m: { id: number; value?: string; error?: Record<string, unknown> }) => {
      const waiting = this.pending.get(m.id)
      this.pending.delete(m.id)
      // answers come in the order of the calls, so the ring's oldest range is this one's
      if (waiting?.holds) ring.releaseOldest()
      if (m.error) waiting?.reject(Object.assign(new Error(String(m.error.message)), m.error))
      else {
        if (waiting?.closes !== undefined) this.open.delete(waiting.closes)
        waiting?.resolve(m.value)
      }
      if (this.pending.size === 0) this.idle()
    })
    const stopped = (why: string): void => {
      if (this.running?.worker !== worker) return
      this.running = undefined
      this.open.clear()
      const err = Object.assign(new Error(`the file writer thread stopped: ${why}`), { created: true })
      for (const waiting of this.pending.values()) waiting.reject(err)
      this.pending.clear()
    }
    worker.on('error', (err) => stopped(err.message))
    worker.on('exit', (code) => stopped(`exit ${code}`))
    return { worker, ring }
  }

  private idle(): void {
    const running = this.running
    if (!running) return
    running.worker.unref()
    if (this.open.size > 0) return
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || this.open.size > 0 || this.running !== running) return
      this.running = undefined
      void running.worker.terminate()
    }, this.idleMs)
    this.idleTimer.unref()
  }
}

/** The lane every export shares (files are told apart by their slot). */
export const sharedFileLane = new WorkerFileLane()
