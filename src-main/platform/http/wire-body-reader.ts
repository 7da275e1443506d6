// Reads of one logged response body beyond the raw view's pages: the whole body to a file (atomically; text
// redacted slice by slice exactly as the view shows it, binary as received), and the images in it (a single image
// or the image parts of a GetObject multipart reply) as data URLs of bounded size for the view's thumbnails (the
// CSP allows data: images, so nothing is served from a new source).
import { checkExportDestination } from '../files/export-path-guard'
import { createAtomicWriteStream } from '../files/atomic-write'
import { redactSlice, sliceWindow } from '../redaction/redact-slice'
import { boundaryOf, MultipartSplitter, type PartHeaders } from '../../protocols/rets/objects/multipart-splitter'
import { isTextContentType } from './content-kind'
import type { WireLog } from './wire-log'

const SLICE = 1024 * 1024

/** A text slice of the body with secrets hidden (a secret cut by the slice edge is still found: see redact-slice). */
export async function redactedBodyText(log: WireLog, id: string, offset: number, length: number, total: number) {
  const w = sliceWindow(offset, length, Math.max(total, offset + length))
  const bytes = await log.readBody(id, w.start, w.length)
  const sliceStart = Math.min(bytes.length, offset - w.start)
  return redactSlice({ bytes, sliceStart, sliceEnd: Math.min(bytes.length, sliceStart + length) })
}

export async function saveWireBody(
  log: WireLog,
  id: string,
  target: string
): Promise<{ path: string; bytes: number; redacted: boolean } | undefined> {
  const entry = log.get(id)
  if (!entry) return undefined
  const file = checkExportDestination(target)
  const total = entry.bodyKept ? entry.responseBytes : 0
  const text = isTextContentType(entry.responseHeaders?.['content-type'])
  const out = await createAtomicWriteStream(file)
  let bytes = 0
  try {
    for (let at = 0; at < total; at += SLICE) {
      const chunk = text
        ? Buffer.from(await redactedBodyText(log, id, at, Math.min(SLICE, total - at), total), 'utf8')
        : await log.readBody(id, at, Math.min(SLICE, total - at))
      bytes += chunk.length
      await out.put(chunk)
    }
    await out.complete()
  } catch (err) {
    await out.abort()
    throw err
  }
  return { path: file, bytes, redacted: text }
}

export interface WireImage {
  index: number
  contentType: string
  bytes: number
  contentId?: string
  objectId?: string
  /** absent when the image is over the size a thumbnail may take */
  dataUrl?: string
}

export interface ImageLimits {
  /** largest image shown (bytes); bigger ones are listed without a picture */
  maxImageBytes: number
  maxImages: number
  /** bytes of the body read at most */
  maxScanBytes: number
}

export const IMAGE_LIMITS: ImageLimits = {
  maxImageBytes: 2 * 1024 * 1024,
  maxImages: 24,
  maxScanBytes: 64 * 1024 * 1024
}

export async function wireImages(
  log: WireLog,
  id: string,
  limits: ImageLimits = IMAGE_LIMITS
): Promise<{ images: WireImage[]; more: boolean } | undefined> {
  const entry = log.get(id)
  if (!entry) return undefined
  const type = entry.responseHeaders?.['content-type'] ?? ''
  const total = entry.bodyKept ? entry.responseBytes : 0
  const collector = new ImageCollector(limits)
  const boundary = /^multipart\//i.test(type) ? boundaryOf(type) : undefined
  const splitter = boundary ? new MultipartSplitter(boundary, collector) : undefined
  if (!splitter) collector.partStart({ 'content-type': [type] })
  const end = Math.min(total, limits.maxScanBytes)
  for (let at = 0; at < end && !collector.full; at += SLICE) {
    const chunk = await log.readBody(id, at, Math.min(SLICE, end - at))
    if (splitter) splitter.push(chunk)
    else collector.partData(chunk)
  }
  if (splitter) splitter.end()
  else collector.partEnd()
  return { images: collector.images, more: collector.full || total > end }
}

class ImageCollector {
  readonly images: WireImage[] = []
  full = false
  private index = -1
  private current: { image: WireImage; chunks: Buffer[] } | undefined

  constructor(private readonly limits: ImageLimits) {}

  partStart(headers: PartHeaders): void {
    this.index++
    const contentType = headers['content-type']?.[0]?.trim() ?? ''
    if (!/^image\//i.test(contentType) || this.full) return
    const image: WireImage = { index: this.index, contentType, bytes: 0 }
    const contentId = headers['content-id']?.[0]?.trim()
    const objectId = headers['object-id']?.[0]?.trim()
    if (contentId) image.contentId = contentId
    if (objectId) image.objectId = objectId
    this.current = { image, chunks: [] }
  }

  partData(chunk: Buffer): void {
    if (!this.current) return
    this.current.image.bytes += chunk.length
    if (this.current.image.bytes <= this.limits.maxImageBytes) this.current.chunks.push(chunk)
    else this.current.chunks = []
  }

  partEnd(): void {
    const c = this.current
    this.current = undefined
    if (!c) return
    if (c.image.bytes > 0 && c.image.bytes <= this.limits.maxImageBytes) {
      // only the type's token: a parameter could smuggle characters into the URL
      const mime = /^image\/[\w.+-]+/i.exec(c.image.contentType)?.[0] ?? 'application/octet-stream'
      c.image.dataUrl = `data:${mime};base64,${Buffer.concat(c.chunks).toString('base64')}`
    }
    this.images.push(c.image)
    if (this.images.length >= this.limits.maxImages) this.full = true
  }
}
