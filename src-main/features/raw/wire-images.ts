// The images of one logged response for the raw view's thumbnails: a single image, or the image parts of a GetObject
// multipart reply, as data URLs of bounded size (the CSP allows data: images, so nothing comes from a new source).
// Bounded three ways: bytes of the body read, images returned, bytes per image (larger ones are listed bare).
import { boundaryOf, MultipartSplitter, type PartHeaders } from '../../protocols/rets/objects/multipart-splitter'
import { SLICE } from '../../platform/http/wire-body-reader'
import type { WireLog } from '../../platform/http/wire-log'

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
  /** bytes of pictures in one answer; later images are listed without one */
  maxTotalImageBytes: number
  /** bytes of the body read at most */
  maxScanBytes: number
}

export const IMAGE_LIMITS: ImageLimits = {
  maxImageBytes: 2 * 1024 * 1024,
  maxImages: 24,
  maxTotalImageBytes: 8 * 1024 * 1024,
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
  private pictureBytes = 0

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
    const fits = this.pictureBytes + c.image.bytes <= this.limits.maxTotalImageBytes
    if (c.image.bytes > 0 && c.image.bytes <= this.limits.maxImageBytes && fits) {
      this.pictureBytes += c.image.bytes
      // only the type's token: a parameter could smuggle characters into the URL
      const mime = /^image\/[\w.+-]+/i.exec(c.image.contentType)?.[0] ?? 'application/octet-stream'
      c.image.dataUrl = `data:${mime};base64,${Buffer.concat(c.chunks).toString('base64')}`
    }
    this.images.push(c.image)
    if (this.images.length >= this.limits.maxImages) this.full = true
  }
}
