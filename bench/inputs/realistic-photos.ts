// The Demo MLS renders small JPEGs (320×240, ~4 KB); real listing photos are a few hundred KB, and the case
// is ~1,000 photos in ~300 MB. With 4 KB photos the per-file cost (open, close, rename) is all that is measured, so
// the captured multipart reply is rewritten with each image padded to `photoBytes`: JPEG comment (COM, 0xFFFE)
// segments right after the start-of-image marker keep every photo a valid, decodable JPEG, and the framing and
// part headers stay byte for byte the server's.
import { createHash } from 'node:crypto'
import { createWriteStream, readFileSync } from 'node:fs'
import type { Capture } from '../plans/demo-mls-plan'

const COM_MAX = 65_533
const FILLER = Buffer.from('MLS Workbench benchmark padding (JPEG COM segment). ')

/** `jpeg` with COM segments inserted after SOI so it is `size` bytes long (unchanged if it is already larger). */
export function padJpeg(jpeg: Buffer, size: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg.length >= size) return jpeg
  const segments: Buffer[] = []
  let missing = size - jpeg.length
  while (missing > 4) {
    const payload = Math.min(COM_MAX, missing - 4)
    const seg = Buffer.alloc(4 + payload)
    seg[0] = 0xff
    seg[1] = 0xfe
    seg.writeUInt16BE(payload + 2, 2) // the length counts itself, not the marker
    for (let i = 0; i < payload; i += FILLER.length) FILLER.copy(seg, 4 + i, 0, Math.min(FILLER.length, payload - i))
    segments.push(seg)
    missing -= seg.length
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)])
}

/** Rewrites a captured multipart GetObject reply with every image part padded to `photoBytes`. */
export async function inflateMultipart(cap: Capture, file: string, photoBytes: number): Promise<Capture> {
  const boundary = /boundary="?([^";]+)"?/.exec(cap.contentType)?.[1]
  if (!boundary) throw new Error(`no boundary in ${cap.contentType}`)
  const body = readFileSync(cap.file)
  const marker = Buffer.from(`\r\n--${boundary}`)
  const out = createWriteStream(file)
  const hash = createHash('sha256')
  let bytes = 0
  const write = async (chunk: Buffer): Promise<void> => {
    hash.update(chunk)
    bytes += chunk.length
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  // part bodies run from the blank line after their headers to the CRLF before the next boundary
  let pos = 0
  for (;;) {
    const headEnd = body.indexOf('\r\n\r\n', pos)
    const next = headEnd < 0 ? -1 : body.indexOf(marker, headEnd)
    if (next < 0) break
    const head = body.subarray(pos, headEnd + 4)
    const part = body.subarray(headEnd + 4, next)
    await write(head)
    await write(/content-type:\s*image\//i.test(head.toString('latin1')) ? padJpeg(part, photoBytes) : part)
    pos = next
  }
  await write(body.subarray(pos))
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
  return { file, contentType: cap.contentType, bytes, sha256: hash.digest('hex') }
}
