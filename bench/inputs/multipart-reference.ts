// The expected photo files of a captured multipart GetObject reply, computed independently of the app's streaming
// splitter (whole-body split from the test support code) — the reference the getobject variants must match.
// Parts that are not images (20403 "No Object Found" XML) are not files.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { splitMultipart } from '../../test/support/demo-rets-client'
import { photoFileName } from '../harness/file-set'
import { fileSetChecksum } from '../harness/row-checksum'

export function multipartReference(
  file: string,
  contentType: string
): { files: number; bytes: number; checksum: string; otherParts: number } {
  const all = splitMultipart(contentType, readFileSync(file))
  const parts = all.filter((p) => /^image\//i.test(p.headers['content-type'] ?? ''))
  const entries = parts.map((p) => ({
    name: photoFileName(p.headers['content-id'], p.headers['object-id']),
    sha256: createHash('sha256').update(p.body).digest('hex')
  }))
  return {
    files: parts.length,
    bytes: parts.reduce((n, p) => n + p.body.length, 0),
    checksum: fileSetChecksum(entries),
    // RETS error parts in the reply: objects the server says it does not have
    otherParts: all.length - parts.length
  }
}
