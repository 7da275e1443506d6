// The wire log behind the raw view: every request with its redacted headers and body, and the response body teed
// into a BodySpool as it streams, so any response can be shown by byte range without being held in memory.
// Each entry names the job whose work made it (the job context), so a query's raw view lists its own requests even
// when other queries run at the same time. Bounded: the oldest entries (and their spill files) go when
// `maxEntries` is exceeded, and the kept bodies together stay under `maxBodyBytes`: the oldest bodies are dropped
// first (the entry stays and says so in the raw view), so a long session cannot fill the disk.
import os from 'node:os'
import { redactor } from '../redaction/redactor'
import { currentJobId } from '../jobs/job-context'
import { BodySpool } from './body-spool'
import { copyRequestAs, type CopyFormat } from './copy-request'

export interface WireEntry {
  id: string
  method: string
  /** redacted */
  url: string
  startedAt: string
  requestHeaders: Record<string, string>
  /** redacted request body (form/XML text); binary bodies are summarised */
  requestBody?: string
  status?: number
  statusText?: string
  responseHeaders?: Record<string, string>
  /** time to response headers */
  ttfbMs?: number
  durationMs?: number
  /** decoded response body bytes seen so far */
  responseBytes: number
  /** false for downloads (photos): the body went to a file and is not readable here */
  bodyKept: boolean
  complete: boolean
  error?: string
  /** the job whose work made the request; absent for requests outside a job (connect, metadata tree) */
  jobId?: string
  /** why the body is no longer readable (dropped to keep the log under its byte cap) */
  bodyDropped?: string
}

export interface WireLogOptions {
  maxEntries?: number
  /** bytes of each response body kept in memory before spilling to a temp file */
  memoryLimit?: number
  spillDir?: string
  /** bytes of response bodies the log keeps in all (memory + spill files); default 512 MB */
  maxBodyBytes?: number
}

export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024

export interface WireRequestInfo {
  method: string
  url: string
  headers: Record<string, string>
  body?: string | Buffer
  /** false: record the response's size but not its bytes */
  keepBody?: boolean
}

type Listener = (entry: WireEntry) => void
type LogRecord = { entry: WireEntry; spool: BodySpool; started: number }

export class WireLog {
  private readonly entries = new Map<string, LogRecord>()
  private counter = 0
  private readonly maxEntries: number
  private readonly memoryLimit: number
  private readonly spillDir: string
  private readonly listeners = new Set<Listener>()
  private readonly maxBodyBytes: number
  /** bytes held by the kept bodies of every entry */
  private keptBytes = 0

  constructor(options: WireLogOptions = {}) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
    this.maxEntries = options.maxEntries ?? 200
    this.memoryLimit = options.memoryLimit ?? 1024 * 1024
    this.spillDir = options.spillDir ?? os.tmpdir()
  }

  begin(req: WireRequestInfo): WireRecorder {
    const id = `w${++this.counter}`
    const entry: WireEntry = {
      id,
      method: req.method,
      url: redactor.url(req.url),
      startedAt: new Date().toISOString(),
      requestHeaders: redactor.headers(req.headers),
      responseBytes: 0,
      bodyKept: req.keepBody !== false,
      complete: false
    }
    if (req.body !== undefined) entry.requestBody = describeBody(req.body)
    const jobId = currentJobId()
    if (jobId !== undefined) entry.jobId = jobId
    const record = { entry, spool: new BodySpool(this.memoryLimit, this.spillDir), started: performance.now() }
    this.entries.set(id, record)
    this.trim()
    return new WireRecorder(
      record,
      () => this.emit(entry),
      (bytes) => this.grew(record, bytes)
    )
  }

  list(): WireEntry[] {
    return [...this.entries.values()].map((r) => ({ ...r.entry }))
  }

  /** The ids of the entries a job made, oldest first (those still in the log). */
  idsOfJob(jobId: string): string[] {
    return [...this.entries.values()].filter((r) => r.entry.jobId === jobId).map((r) => r.entry.id)
  }

  get(id: string): WireEntry | undefined {
    const r = this.entries.get(id)
    return r ? { ...r.entry } : undefined
  }

  /** A slice of the (decoded) response body; empty when the entry is gone. */
  async readBody(id: string, offset: number, length: number): Promise<Buffer> {
    const r = this.entries.get(id)
    return r ? r.spool.read(offset, length) : Buffer.alloc(0)
  }

  /** The request as a runnable command for `format`: secrets as environment variables, a RETS login first. */
  copyAs(id: string, format: CopyFormat): { text: string; variables: string[] } | undefined {
    const r = this.entries.get(id)
    if (!r) return undefined
    const all = [...this.entries.values()].map((x) => x.entry)
    return copyRequestAs(format, r.entry, all.slice(0, all.indexOf(r.entry)))
  }

  onEntry(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  clear(): void {
    for (const r of this.entries.values()) r.spool.dispose()
    this.entries.clear()
    this.keptBytes = 0
  }

  /** A body grew: drop the oldest bodies (this one last) until the log is back under its byte cap. */
  private grew(current: LogRecord, bytes: number): void {
    this.keptBytes += bytes
    if (this.keptBytes <= this.maxBodyBytes) return
    const cap = `${Math.round(this.maxBodyBytes / (1024 * 1024))} MB`
    for (const r of [...this.entries.values()].filter((e) => e !== current).concat(current)) {
      if (this.keptBytes <= this.maxBodyBytes) break
      if (!r.entry.bodyKept || r.entry.bodyDropped) continue
      this.dropBody(r, `Dropped to keep the raw log under ${cap} (the oldest bodies go first).`)
    }
  }

  private dropBody(r: LogRecord, reason: string): void {
    this.keptBytes -= r.spool.size
    r.spool.dispose()
    r.entry.bodyKept = false
    r.entry.bodyDropped = reason
  }

  private emit(entry: WireEntry): void {
    for (const l of this.listeners) l({ ...entry })
  }

  private trim(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      const r = this.entries.get(oldest)
      if (r && !r.entry.bodyDropped && r.entry.bodyKept) this.keptBytes -= r.spool.size
      r?.spool.dispose()
      this.entries.delete(oldest)
    }
  }
}

/** Handle given to the HTTP client for one exchange. */
export class WireRecorder {
  constructor(
    private readonly record: LogRecord,
    private readonly changed: () => void,
    private readonly grew: (bytes: number) => void = () => undefined
  ) {}

  get id(): string {
    return this.record.entry.id
  }

  response(status: number, statusText: string, headers: Record<string, string | string[] | undefined>): void {
    const e = this.record.entry
    e.status = status
    e.statusText = statusText
    e.responseHeaders = redactor.headers(headers)
    e.ttfbMs = Math.round(performance.now() - this.record.started)
    this.changed()
  }

  body(chunk: Buffer): void {
    if (this.record.entry.bodyKept) {
      this.record.spool.write(chunk)
      this.record.entry.responseBytes = this.record.spool.size
      this.grew(chunk.length)
    } else this.record.entry.responseBytes += chunk.length
  }

  end(): void {
    this.finish()
  }

  fail(err: unknown): void {
    if (this.record.entry.complete) return
    this.record.entry.error = redactor.text(err instanceof Error ? err.message : String(err))
    this.finish()
  }

  private finish(): void {
    if (this.record.entry.complete) return
    this.record.spool.end()
    this.record.entry.complete = true
    this.record.entry.durationMs = Math.round(performance.now() - this.record.started)
    this.changed()
  }
}

function describeBody(body: string | Buffer): string {
  if (typeof body === 'string') return redactor.text(body)
  const printable = body.subarray(0, 4096).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))
  return printable ? redactor.text(body.toString('latin1')) : `<${body.length} bytes binary>`
}
