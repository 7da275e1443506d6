// Every file name the photo export creates passes through here. Names are built from server data (listing keys,
// object descriptions, Content-IDs) that may be hostile or just odd: `../../x`, `CON`, control characters, 400-byte
// captions. The rules are the union of what Windows, macOS and Linux refuse or mangle, so an export copied between
// machines keeps its names; the final check (`resolveInside`) makes escaping the destination impossible even if a
// rule here were missed.
import path from 'node:path'
import { AppError } from '../../../../contract/app-error'

/** Bytes per path segment: 255 is the usual file-system limit; the rest is room for `-NN` and `.part`. */
export const DEFAULT_SEGMENT_BYTES = 200

// C0 and C1 control characters (and DEL): invisible in listings, refused by Windows, break terminals and CSV.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
// Windows refuses these in names; `/` and `\` are separators everywhere that matters.
const FORBIDDEN = /[<>:"|?*/\\]/g
// Device names Windows reserves with or without an extension (`CON.jpg` opens the console), any case; the
// superscript digits count too (COM¹).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let out = ''
  let used = 0
  for (const ch of text) {
    const size = Buffer.byteLength(ch)
    if (used + size > maxBytes) break
    out += ch
    used += size
  }
  return out
}

/** Makes one token value safe to put inside a segment: no separators, no control characters. */
export function sanitizeValue(value: string): string {
  return value.normalize('NFC').replace(CONTROL, '_').replace(FORBIDDEN, '_')
}

/**
 * One path segment (folder or file name) made safe: forbidden and control characters become `_`, trailing dots
 * and spaces go (Windows drops them silently, so `a.` and `a` would collide), a leading dot gets a `_` prefix (no hidden
 * files), reserved device names get a `_` prefix, and the result fits `maxBytes` with its extension kept.
 */
export function sanitizeSegment(segment: string, maxBytes = DEFAULT_SEGMENT_BYTES): string {
  let s = sanitizeValue(segment).trim()
  s = s.replace(/[. ]+$/, '')
  if (s.startsWith('.')) s = `_${s}`
  if (s === '') s = '_'
  if (RESERVED.test(s)) s = `_${s}`
  if (Buffer.byteLength(s) <= maxBytes) return s
  const dot = s.lastIndexOf('.')
  const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : ''
  const stem = truncateUtf8(s.slice(0, s.length - ext.length), maxBytes - Buffer.byteLength(ext)).replace(/[. ]+$/, '')
  return `${stem || '_'}${ext}`
}

/** A `/`-separated relative path from a naming pattern → safe segments (empty segments dropped). */
export function sanitizeRelativePath(relative: string, maxBytes = DEFAULT_SEGMENT_BYTES): string[] {
  const segments = relative
    .split('/')
    .filter((s) => s.trim() !== '')
    .map((s) => sanitizeSegment(s, maxBytes))
  return segments.length > 0 ? segments : ['_']
}

/** `photo.jpg` + 2 → `photo-2.jpg` (collision suffix before the extension). */
export function withCollisionSuffix(segment: string, n: number): string {
  const dot = segment.lastIndexOf('.')
  return dot > 0 ? `${segment.slice(0, dot)}-${n}${segment.slice(dot)}` : `${segment}-${n}`
}

/**
 * The absolute path of `segments` under `root`, refusing anything that would land outside it. Sanitising already
 * rules that out; this is the independent last check before a file is opened.
 */
export function resolveInside(root: string, segments: string[]): string {
  const base = path.resolve(root)
  const full = path.resolve(base, ...segments)
  const rel = path.relative(base, full)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new AppError({
      code: 'EXPORT_UNSAFE_PATH',
      message: `Refusing to write outside the destination folder: ${segments.join('/')}`,
      hint: 'Change the naming pattern; file names must stay inside the chosen folder.'
    })
  }
  return full
}

/** Key used to detect collisions: case-insensitive file systems (Windows, macOS) treat `A.jpg` and `a.jpg` as one. */
export function collisionKey(relativePath: string): string {
  return relativePath.normalize('NFC').toLowerCase()
}
