// The floor: a plain node:http GET that only counts, hashes and (optionally) copies the body to a file.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import http, { type IncomingMessage } from 'node:http'

export interface DrainResult {
  status: number
  contentType: string
  bytes: number
  sha256: string
  firstByteMs: number
}

export function basicHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

/** GETs `url` and drains it; with `toFile` the body is stream-copied to disk (backpressure respected). */
export function drainGet(
  url: string,
  options: { headers?: Record<string, string>; toFile?: string } = {}
): Promise<DrainResult> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'User-Agent': 'MLSWorkbench/1.0', ...options.headers } }, (res) => {
      const hash = createHash('sha256')
      let bytes = 0
      let firstByteMs = -1
      const file = options.toFile ? createWriteStream(options.toFile) : undefined
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started
        bytes += chunk.length
        hash.update(chunk)
        if (file && !file.write(chunk)) {
          res.pause()
          file.once('drain', () => res.resume())
        }
      })
      res.on('error', reject)
      res.on('end', () => {
        const done = (): void =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            bytes,
            sha256: hash.digest('hex'),
            firstByteMs
          })
        if (file) file.end(done)
        else done()
      })
    })
    req.on('error', reject)
  })
}

/** A plain GET's response, its body not read yet (for a floor that consumes the stream itself). */
export function getResponse(url: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'User-Agent': 'MLSWorkbench/1.0', ...headers } }, resolve).on('error', reject)
  })
}

/** GETs the whole body into one Buffer (what a whole-document parser needs first). */
export function getWhole(
  url: string,
  headers: Record<string, string> = {}
): Promise<{ body: Buffer; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'User-Agent': 'MLSWorkbench/1.0', ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () =>
        resolve({ body: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? '') })
      )
    })
    req.on('error', reject)
  })
}
