// Reading the captured server responses in test/fixtures: full HTTP dumps (PHRETS, libRETS test-network:
// status line + headers + body, CRLF or LF, bodies sometimes still chunk-framed) and libRETS' pseudo status line
// "200" + headers. Bodies in the PHRETS dumps are already decoded although the headers still say gzip/chunked.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fixturesDir } from './paths'

export interface HttpDump {
  status: number
  /** lower-case names; repeated headers as arrays */
  headers: Record<string, string | string[]>
  body: Buffer
}

export const retsFixtures = path.join(fixturesDir, 'rets')
export const flexmls = path.join(retsFixtures, 'PHRETS/tests/Integration/Fixtures/Http')
export const libretsTest = path.join(retsFixtures, 'libRETS/project/librets/test/src/resources')
export const libretsNet = path.join(retsFixtures, 'libRETS/project/librets/test-network/src/resources')
export const terradatum = path.join(retsFixtures, 'terradatum-rets-client/src/test/resources')

export function readFixture(file: string): Buffer {
  return readFileSync(file)
}

export function header(dump: HttpDump, name: string): string | undefined {
  const v = dump.headers[name.toLowerCase()]
  return Array.isArray(v) ? v.join(', ') : v
}

export function parseHttpDump(raw: Buffer): HttpDump {
  const firstLineEnd = raw.indexOf(0x0a)
  const firstLine = raw.toString('latin1', 0, firstLineEnd).replace(/\r$/, '')
  const m = /^(?:HTTP\/\d(?:\.\d)?\s+)?(\d{3})\b/.exec(firstLine)
  if (!m) return { status: 200, headers: {}, body: raw }
  const status = Number(m[1])
  const headers: Record<string, string | string[]> = {}
  let pos = firstLineEnd + 1
  for (;;) {
    const nl = raw.indexOf(0x0a, pos)
    if (nl < 0) {
      pos = raw.length
      break
    }
    const line = raw.toString('latin1', pos, nl).replace(/\r$/, '')
    pos = nl + 1
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    const prev = headers[name]
    headers[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
  }
  let body = raw.subarray(pos)
  if (
    /chunked/i.test(String(headers['transfer-encoding'] ?? '')) &&
    /^[0-9a-fA-F]+\r?\n/.test(body.toString('latin1', 0, 12))
  ) {
    body = dechunk(body)
  }
  return { status, headers, body }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let pos = 0
  while (pos < body.length) {
    const nl = body.indexOf(0x0a, pos)
    if (nl < 0) break
    const size = parseInt(body.toString('latin1', pos, nl).trim(), 16)
    if (!Number.isFinite(size) || size === 0) break
    parts.push(body.subarray(nl + 1, nl + 1 + size))
    pos = nl + 1 + size
    // skip the CRLF after the chunk data
    if (body[pos] === 0x0d) pos++
    if (body[pos] === 0x0a) pos++
  }
  return Buffer.concat(parts)
}

export function readDump(file: string): HttpDump {
  return parseHttpDump(readFileSync(file))
}

/** Headers fit for replaying a dump through a real server: framing/encoding headers removed. */
export function replayHeaders(dump: {
  headers: Record<string, string | string[] | undefined>
}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(dump.headers)) {
    if (v === undefined || /^(content-encoding|transfer-encoding|content-length|connection)$/i.test(k)) continue
    out[k] = v
  }
  return out
}
