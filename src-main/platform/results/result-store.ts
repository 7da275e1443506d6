// Search results live here, in main, never in the renderer: rows are appended as lines to a temp file with an
// in-memory offset index (4 bytes per row, row-offsets.ts), so a million-row result costs ~4 MB of RAM plus a few
// 512 KB write buffers, and any page is one positioned read. Lines are delimited rows (RETS COMPACT rows copied byte
// for byte; appended values joined with US) or JSON arrays (spill-line.ts): encoding was most of the store's cost
// (JSON.stringify of 15 strings ≈ 0.5 µs a row), so rows skip it whenever they can. Rows are encoded straight into a
// reused Buffer — no per-row line strings to join and re-encode. Full buffers are written on the thread pool (in
// 64 KB calls: piecewise-write.ts) while the next one fills; a producer that can wait asks room() and holds its
// socket while full buffers queue, instead of the store writing on the main thread (measured on a 150 MB COMPACT
// reply: the main thread spent half its time in such writes). Exports stream from the file through the atomic writer.
import { close, closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { createAtomicWriteStream } from '../files/atomic-write'
import { csvHeader, csvLine } from '../csv/csv-text'
import { eachDelimitedRow, splitDelimitedRow } from './delimited-row'
import type { DelimitedRow, DelimitedRows, ExportOptions, ResultInfo, ResultWriter } from './result-types'
import type { ResultColumn, ResultPage } from '../../../contract/results-channels'
import { isSpillDelimiter, readSpillLine } from './spill-line'
import { RowOffsets } from './row-offsets'
import { writeAllAt, writeAllAtSync } from '../files/piecewise-write'

const LF = 0x0a
const UNIT_SEPARATOR = '\u001f'
const SURROGATE = /[\ud800-\udfff]/
/** full buffers that may wait behind the write in flight before the store writes on the main thread */
const QUEUE_LIMIT = 4

interface QueuedWrite {
  /** the write buffer (kept for reuse) and the bytes of it to write */
  buffer: Buffer
  full: Buffer
  position: number
}

const noop = (): void => undefined

export interface ResultStoreOptions {
  id?: string
  /** where the spill file goes (default: OS temp dir) */
  dir?: string
  /** bytes buffered before a write to disk */
  writeBufferBytes?: number
}

export class ResultStore implements ResultWriter {
  readonly id: string
  private columnList: ResultColumn[] = []
  private infoValue: ResultInfo = { pages: 0, warnings: [] }
  private readonly dir: string
  private readonly file: string
  private readonly bufferBytes: number
  private fd: number | undefined
  private readonly offsets = new RowOffsets()
  private fileBytes = 0
  /** encoded lines not yet on disk: `pending[0, pendingBytes)` */
  private pending: Buffer
  private pendingBytes = 0
  /** the write on the thread pool; the next queued one starts when it settles, and it is undefined once none is left */
  private writing: Promise<void> | undefined
  /** full buffers waiting for the write in flight, in file order */
  private queued: QueuedWrite[] = []
  /** a buffer a write emptied, filled next */
  private spare: Buffer | undefined
  private writeError: Error | undefined
  private done = false
  private disposed = false

  constructor(options: ResultStoreOptions = {}) {
    this.id = options.id ?? `r${randomBytes(6).toString('hex')}`
    this.dir = mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'mlswb-result-'))
    this.file = path.join(this.dir, 'rows.jsonl')
    this.fd = openSync(this.file, 'w+')
    this.bufferBytes = options.writeBufferBytes ?? 1 << 19
    this.pending = Buffer.allocUnsafe(this.bufferBytes)
  }

  get columns(): ResultColumn[] {
    return this.columnList.map((c) => ({ ...c }))
  }

  get info(): ResultInfo {
    return { ...this.infoValue, warnings: [...this.infoValue.warnings] }
  }

  get total(): number {
    return this.offsets.length
  }

  get complete(): boolean {
    return this.done
  }

  /** May be called again with more columns (STANDARD-XML discovers them); earlier rows read back padded. */
  setColumns(columns: ResultColumn[]): void {
    this.columnList = columns.map((c) => ({ ...c }))
  }

  append(row: string[]): void {
    this.assertOpen()
    // Most rows go as a delimited line (US-separated): a join is much cheaper than JSON.stringify, which must
    // escape every quote of an expanded-JSON cell. Rows holding the separator or a UTF-16 surrogate (a lone one
    // would not survive UTF-8; pairs are rare enough to take the slow lane too) and empty rows stay JSON.
    let line = delimitable(row) ? UNIT_SEPARATOR + row.join(UNIT_SEPARATOR) : ''
    if (!line || SURROGATE.test(line)) line = JSON.stringify(row)
    // UTF-8 needs at most 3 bytes per UTF-16 unit: room for the line without measuring it first
    this.startLine(line.length * 3 + 1)
    this.pendingBytes += this.pending.write(line, this.pendingBytes)
    this.pending[this.pendingBytes++] = LF
  }

  /** A COMPACT row as bytes (see DelimitedRow): copied as is, read back split on its delimiter. */
  appendDelimited(row: DelimitedRow): void {
    if (!isSpillDelimiter(row.delimiter)) return this.append(splitDelimitedRow(row))
    this.assertOpen()
    const bytes = row.end - row.start + 2
    if (bytes > this.pending.length) return this.writeLongLine(row, bytes)
    this.startLine(bytes)
    const buf = this.pending
    buf[this.pendingBytes++] = row.delimiter
    this.pendingBytes += row.bytes.copy(buf, this.pendingBytes, row.start, row.end)
    buf[this.pendingBytes++] = LF
  }

  /**
   * A batch of COMPACT rows (see DelimitedRows), stored as appendDelimited would, one by one: the range holding
   * them is copied into the write buffer at once and each row is then moved down over the tags before it
   * (copyWithin: no per-row Buffer objects) — per-row copies were a fifth of a 1M-row search's time.
   */
  appendDelimitedRows(batch: DelimitedRows): void {
    const { bytes, spans, delimiter } = batch
    const n = spans.length / 2
    if (n === 0) return
    const first = spans[0]!
    const range = spans[spans.length - 1]! - first
    // a lone row (a huge record among them) is copied once rather than copied and moved
    if (!isSpillDelimiter(delimiter) || n === 1) {
      eachDelimitedRow(batch, (row) => this.appendDelimited(row))
      return
    }
    this.assertOpen()
    // rows grow by two bytes at most (delimiter + LF) and the tags between rows make up for all but the last
    if (this.pendingBytes + range + 2 > this.pending.length) {
      this.flush()
      if (range + 2 > this.pending.length) this.pending = Buffer.allocUnsafe(range + 2)
    }
    const buf = this.pending
    // one byte in, so the first row is where it belongs; each later row moves left over the tags before it
    const base = this.pendingBytes + 1
    buf.set(bytes.subarray(first, first + range), base)
    const offsets = this.offsets
    let at = base - 1
    for (let k = 0; k < spans.length; k += 2) {
      const from = base + spans[k]! - first
      const to = base + spans[k + 1]! - first
      offsets.add(this.fileBytes + at)
      if (from !== at + 1) buf.copyWithin(at + 1, from, to)
      buf[at] = delimiter
      at += to - from + 1
      buf[at++] = LF
    }
    this.pendingBytes = at
  }

  setInfo(info: Partial<ResultInfo>): void {
    this.infoValue = {
      ...this.infoValue,
      ...info,
      warnings: info.warnings ? [...info.warnings] : this.infoValue.warnings
    }
  }

  /**
   * Undefined while the disk keeps up; else (two full buffers wait behind the write in flight) a promise that
   * settles when the write in flight does. A producer that can wait (a search holding its socket:
   * PageOptions.beforeChunk) awaits it instead of the store writing here. Allowing one waiting buffer, a 1M-row
   * search waited 0.34–0.41 s of its ~0.6 s for the disk; with two (and a write's pieces handed over at once),
   * 0.16–0.24 s of ~0.48 s.
   */
  room(): Promise<void> | undefined {
    return this.writing && this.queued.length > 1 ? this.writing.then(noop, noop) : undefined
  }

  async finish(): Promise<void> {
    while (this.writing) await this.writing
    this.flush(true)
    this.done = true
  }

  async page(offset: number, limit: number): Promise<ResultPage> {
    this.assertOpen()
    while (this.writing) await this.writing
    this.flushForRead()
    const total = this.offsets.length
    const start = Math.max(0, Math.min(offset, total))
    const end = Math.max(start, Math.min(total, start + Math.max(0, limit)))
    return { offset: start, rows: this.readRows(start, end), total, complete: this.done }
  }

  /** Rows [start, end) straight from the file, each located through the index (lines end with one LF). */
  private readRows(start: number, end: number): string[][] {
    if (end <= start) return []
    const offsets = this.offsets
    const from = offsets.at(start)
    const to = end < offsets.length ? offsets.at(end) : this.fileBytes
    const buf = Buffer.allocUnsafe(to - from)
    readSync(this.fd!, buf, 0, buf.length, from)
    const width = this.columnList.length
    const rows: string[][] = []
    let lineStart = from
    for (let i = start; i < end; i++) {
      const next = i + 1 < end ? offsets.at(i + 1) : to
      rows.push(readSpillLine(buf, lineStart - from, next - from - 1, width))
      lineStart = next
    }
    return rows
  }

  async exportCsv(target: string, options: ExportOptions & { bom?: boolean } = {}): Promise<number> {
    const names = this.columnList.map((c) => c.name)
    return this.exportTo(target, options, {
      start: csvHeader(names, options.bom ? { bom: true } : {}),
      row: csvLine,
      end: ''
    })
  }

  async exportJson(target: string, options: ExportOptions = {}): Promise<number> {
    const names = this.columnList.map((c) => c.name)
    let first = true
    return this.exportTo(target, options, {
      start: '[\n',
      row: (r) => {
        const obj: Record<string, string> = {}
        names.forEach((n, i) => (obj[n] = r[i] ?? ''))
        const text = `${first ? '' : ',\n'}${JSON.stringify(obj)}`
        first = false
        return text
      },
      end: '\n]\n'
    })
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    const fd = this.fd
    this.fd = undefined
    this.pending = Buffer.alloc(0)
    this.spare = undefined
    this.queued = []
    this.pendingBytes = 0
    this.offsets.clear()
    const remove = (): void => rmSync(this.dir, { recursive: true, force: true })
    if (fd === undefined) return remove()
    // a write in flight still uses the descriptor: closed under it, the number could be reused by another file
    if (!this.writing) {
      closeSync(fd)
      return remove()
    }
    void this.writing.finally(() =>
      close(fd, () => {
        try {
          remove()
        } catch {
          // a folder left in the temp dir is all a failure here costs
        }
      })
    )
  }

  private async exportTo(
    target: string,
    { signal, progress }: ExportOptions,
    format: { start: string; row: (r: string[]) => string; end: string }
  ): Promise<number> {
    this.assertOpen()
    while (this.writing) await this.writing
    this.flushForRead()
    // the shared atomic writer: temp file, fsync, rename; a failure or cancel leaves the target untouched
    const out = await createAtomicWriteStream(target)
    try {
      await out.put(format.start)
      const batch = 5000
      const total = this.offsets.length
      for (let at = 0; at < total; at += batch) {
        if (signal?.aborted) throw Object.assign(new Error('Export cancelled.'), { name: 'AbortError' })
        let text = ''
        for (const r of this.readRows(at, Math.min(total, at + batch))) text += format.row(r)
        await out.put(text)
        progress?.(Math.min(total, at + batch), total)
      }
      await out.put(format.end)
      await out.complete()
      return total
    } catch (err) {
      await out.abort()
      throw err
    }
  }

  /** Indexes a new line of `bytes` bytes and makes room for it in the write buffer. */
  private startLine(bytes: number): void {
    if (this.pendingBytes + bytes > this.pending.length) {
      this.flush()
      // a line longer than the buffer (a huge remarks field): a bigger buffer from now on
      if (bytes > this.pending.length) this.pending = Buffer.allocUnsafe(bytes)
    }
    this.offsets.add(this.fileBytes + this.pendingBytes)
  }

  /**
   * A row longer than the write buffer (a hostile 50 MB record) goes to the file straight from the reply's bytes:
   * growing the buffer to its size meant a second copy of it held for the store's lifetime.
   */
  private writeLongLine(row: DelimitedRow, bytes: number): void {
    this.flush()
    this.startLine(0)
    this.writeAt(Buffer.of(row.delimiter), this.fileBytes)
    this.writeAt(row.bytes.subarray(row.start, row.end), this.fileBytes + 1)
    this.writeAt(Buffer.of(LF), this.fileBytes + bytes - 1)
    this.fileBytes += bytes
  }

  private writeAt(buf: Buffer, position: number): void {
    writeAllAtSync(this.fd!, buf, position)
  }

  /**
   * Sends the write buffer to the file on the thread pool, one write at a time, while the next one fills. Here
   * instead: before a read (`here`), or when QUEUE_LIMIT buffers already wait (a writer that never asks `room()`).
   */
  private flush(here = false): void {
    if (this.writeError) throw this.writeError
    if (this.pendingBytes === 0 || this.fd === undefined) return
    const full = this.pending.subarray(0, this.pendingBytes)
    const position = this.fileBytes
    this.fileBytes += this.pendingBytes
    this.pendingBytes = 0
    if (here || this.queued.length >= QUEUE_LIMIT) return this.writeAt(full, position)
    const job = { buffer: this.pending, full, position }
    this.pending = this.spare ?? Buffer.allocUnsafe(this.bufferBytes)
    this.spare = undefined
    if (this.writing) this.queued.push(job)
    else this.startWrite(job)
  }

  private startWrite(job: QueuedWrite): void {
    this.writing = writeAllAt(this.fd!, job.full, job.position).then(
      () => {
        // a buffer grown for one long line is let go: lines that fit are the rule
        if (job.buffer.length === this.bufferBytes) this.spare ??= job.buffer
        const next = this.queued.shift()
        if (next && this.fd !== undefined) this.startWrite(next)
        else this.writing = undefined
      },
      (err: Error) => {
        this.writeError = err
        this.queued = []
        this.writing = undefined
      }
    )
  }

  /**
   * Called once no write is in flight (`while (this.writing) await this.writing`, in the caller: an await of its own
   * would let a new write start): what is left is written here, so every row is in the file until the caller's next
   * await.
   */
  private flushForRead(): void {
    this.assertOpen()
    this.flush(true)
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error(`Result ${this.id} was disposed.`)
  }
}

function delimitable(row: string[]): boolean {
  if (!row.length) return false
  for (let i = 0; i < row.length; i++) {
    // a non-string that slipped through an untyped caller is left to JSON.stringify, as before
    const v: unknown = row[i]
    if (typeof v !== 'string' || v.indexOf(UNIT_SEPARATOR) >= 0) return false
  }
  return true
}
