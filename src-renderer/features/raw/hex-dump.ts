// Hex view for binary bodies (photos from GetObject, gzip that could not be decoded): classic 16-bytes-per-line
// layout with the byte offset into the whole body, so "load more" slices continue the numbering.

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return bytes
}

export function hexDump(bytes: Uint8Array, baseOffset = 0): string {
  const lines: string[] = []
  for (let at = 0; at < bytes.length; at += 16) {
    const chunk = bytes.subarray(at, at + 16)
    let hex = ''
    let ascii = ''
    for (let k = 0; k < 16; k++) {
      if (k === 8) hex += ' '
      const b = chunk[k]
      hex += b === undefined ? '   ' : b.toString(16).padStart(2, '0') + ' '
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'
    }
    lines.push(`${(baseOffset + at).toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
  }
  return lines.join('\n')
}
