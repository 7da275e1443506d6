// Search results live here, in main, never in the renderer: rows are appended as JSON lines to a temp file with an
// in-memory offset index (8 bytes per row), so a million-row result costs ~8 MB of RAM plus a small write buffer,
// and any page is one positioned read. Exports stream from the file through the shared atomic writer.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { createAtomicWriteStream } from '../files/atomic-write'
import type { ResultColumn, ResultInfo, ResultPage, ResultWriter } from './result-types'

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
  private fd: number | undefined
  private offsets = new Float64Array(1024)
  private count = 0
  private fileBytes = 0
  private pendingLines: string[] = []
  private pendingBytes = 0
  private readonly writeBufferBytes: number
  private done = false
  private disposed = false

  constructor(options: ResultStoreOptions = {}) {
    this.id = options.id ?? `r${randomBytes(6).toString('hex')}`
    this.dir = mkdtempSync(path.join(options.dir ?? os.tmpdir(), 'mlswb-result-'))
    this.file = path.join(this.dir, 'rows.jsonl')
    this.fd = openSync(this.file, 'w+')
    this.writeBufferBytes = options.writeBufferBytes ?? 1 << 20
  }

  get columns(): ResultColumn[] {
    return this.columnList.map((c) => ({ ...c }))
  }

  get info(): ResultInfo {
    return { ...this.infoValue, warnings: [...this.infoValue.warnings] }
  }

  get total(): number {
    return this.count
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
    const line = `${JSON.stringify(row)}\n`
    const bytes = Buffer.byteLength(line)
    if (this.count === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2)
      grown.set(this.offsets)
      this.offsets = grown
    }
    this.offsets[this.count++] = this.fileBytes + this.pendingBytes
    this.pendingLines.push(line)
    this.pendingBytes += bytes
    if (this.pendingBytes >= this.writeBufferBytes) this.flush()
  }

  setInfo(info: Partial<ResultInfo>): void {
    this.infoValue = {
      ...this.infoValue,
      ...info,
      warnings: info.warnings ? [...info.warnings] : this.infoValue.warnings
    }
  }

  async finish(): Promise<void> {
    this.flush()
    this.done = true
  }

  async page(offset: number, limit: number): Promise<ResultPage> {
    this.assertOpen()
    this.flush()
    const start = Math.max(0, Math.min(offset, this.count))
    const end = Math.max(start, Math.min(this.count, start + Math.max(0, limit)))
    return { offset: start, rows: this.readRows(start, end), total: this.count, complete: this.done }
  }

  /** Rows [start, end) straight from the file. */
  private readRows(start: number, end: number): string[][] {
    if (end <= start) return []
    const from = this.offsets[start]!
    const to = end < this.count ? this.offsets[end]! : this.fileBytes
    const buf = Buffer.alloc(to - from)
    readSync(this.fd!, buf, 0, buf.length, from)
    const width = this.columnList.length
    const rows: string[][] = []
    let lineStart = 0
    for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) {
      const row = JSON.parse(buf.toString('utf8', lineStart, i)) as string[]
      while (row.length < width) row.push('')
      rows.push(row)
      lineStart = i + 1
    }
    return rows
  }

  async exportCsv(target: string, options: { bom?: boolean; signal?: AbortSignal } = {}): Promise<number> {
    const header = this.columnList.map((c) => csvCell(c.name)).join(',')
    return this.exportTo(target, options.signal, {
      start: `${options.bom ? '\ufeff' : ''}${header}\r\n`,
      row: (r) => `${r.map(csvCell).join(',')}\r\n`,
      end: ''
    })
  }

  async exportJson(target: string, options: { signal?: AbortSignal } = {}): Promise<number> {
    const names = this.columnList.map((c) => c.name)
    let first = true
    return this.exportTo(target, options.signal, {
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
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
    this.pendingLines = []
    this.offsets = new Float64Array(0)
    rmSync(this.dir, { recursive: true, force: true })
  }

  private async exportTo(
    target: string,
    signal: AbortSignal | undefined,
    format: { start: string; row: (r: string[]) => string; end: string }
  ): Promise<number> {
    this.assertOpen()
    this.flush()
    // the shared atomic writer: temp file, fsync, rename; a failure or cancel leaves the target untouched
    const out = await createAtomicWriteStream(target)
    const write = (text: string): Promise<void> | undefined =>
      out.write(text) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve))
    try {
      await write(format.start)
      const batch = 5000
      const total = this.count
      for (let at = 0; at < total; at += batch) {
        if (signal?.aborted) throw Object.assign(new Error('Export cancelled.'), { name: 'AbortError' })
        let text = ''
        for (const r of this.readRows(at, Math.min(total, at + batch))) text += format.row(r)
        await write(text)
      }
      await write(format.end)
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject)
        out.end(() => resolve())
      })
      return total
    } catch (err) {
      await out.abort()
      throw err
    }
  }

  private flush(): void {
    if (this.pendingLines.length === 0 || this.fd === undefined) return
    const data = Buffer.from(this.pendingLines.join(''), 'utf8')
    writeSync(this.fd, data, 0, data.length, this.fileBytes)
    this.fileBytes += data.length
    this.pendingLines = []
    this.pendingBytes = 0
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error(`Result ${this.id} was disposed.`)
  }
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}
