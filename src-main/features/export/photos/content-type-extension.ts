// File extension for an exported object. The Content-Type the server sent wins (RETS parts and CDN replies carry
// one); a URL's own extension is the fallback for servers that send application/octet-stream; `bin` marks bytes
// we could not identify rather than pretending they are JPEGs.
const BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/json': 'json'
}

/** Media type without parameters, lower case: `Image/JPEG; name=x` → `image/jpeg`. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

export function extensionFor(contentType: string | undefined, url?: string): string {
  const known = BY_TYPE[mediaTypeOf(contentType)]
  if (known) return known
  if (url) {
    let pathname = ''
    try {
      pathname = new URL(url).pathname
    } catch {
      pathname = ''
    }
    const m = /\.([a-z0-9]{1,5})$/i.exec(pathname)
    if (m) return m[1]!.toLowerCase().replace(/^jpeg$/, 'jpg')
  }
  return 'bin'
}

/** Text-like bodies may be error replies (RETS 20403 XML, "not found"); they are held in memory until known. */
export function isTextual(contentType: string | undefined): boolean {
  const t = mediaTypeOf(contentType)
  return t === '' || t.startsWith('text/') || t.includes('xml') || t.includes('json')
}
