// The raw view pages a large body in byte slices. Redacting each slice on its own would let a secret cut by a
// slice edge escape (half in each, matching in neither), so a slice is read with a margin on both sides, secrets
// are found in the whole window, and a secret that starts inside the slice is hidden there whole; one that started
// in the slice before was hidden by that slice and is skipped here. Concatenated slices equal the redacted body.
import { redactor, type Redactor } from './redactor'

/** Longer than any secret form or `"access_token": "…"` pair we expect; a hit must start within it to be seen. */
export const SLICE_MARGIN = 8192

export interface SliceWindow {
  /** bytes from `windowStart` covering the slice and up to SLICE_MARGIN either side */
  bytes: Buffer
  /** the slice inside `bytes`: [sliceStart, sliceEnd) */
  sliceStart: number
  sliceEnd: number
}

/** Which bytes to read for the slice [offset, offset + length) of a body of `total` bytes. */
export function sliceWindow(offset: number, length: number, total: number): { start: number; length: number } {
  const start = Math.max(0, offset - SLICE_MARGIN)
  const end = Math.min(total, offset + length + SLICE_MARGIN)
  return { start, length: Math.max(0, end - start) }
}

export function redactSlice(w: SliceWindow, r: Redactor = redactor): string {
  const text = w.bytes.toString('utf8')
  const a = w.bytes.subarray(0, w.sliceStart).toString('utf8').length
  const b = a + w.bytes.subarray(w.sliceStart, w.sliceEnd).toString('utf8').length
  let out = ''
  let pos = a
  for (const hit of r.ranges(text)) {
    if (hit.end <= a || hit.start >= b) continue
    if (hit.start >= a) {
      out += text.slice(pos, hit.start) + hit.replacement
    }
    pos = Math.max(pos, hit.end)
  }
  return pos < b ? out + text.slice(pos, b) : out
}
