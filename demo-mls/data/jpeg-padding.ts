// Real listing photos are hundreds of KB; the Demo MLS renders ~4–10 KB JPEGs. With `photoBytes` set, every photo is
// served padded to that size by JPEG comment segments (COM, 0xFFFE) right after the start-of-image marker, so it
// stays a valid, decodable JPEG. The padding is handed out as chunks that share one filler buffer: serving a
// 300 MB photo reply allocates the 4-byte segment headers, never the padding itself.

const COM_MAX = 65_533
const FILLER = Buffer.alloc(COM_MAX)
const TEXT = Buffer.from('MLS Workbench Demo MLS photo padding (JPEG COM segment). ')
for (let i = 0; i < COM_MAX; i += TEXT.length) TEXT.copy(FILLER, i, 0, Math.min(TEXT.length, COM_MAX - i))

/** `jpeg` as chunks padded to `size` bytes (unchanged if it is not a JPEG or already that big). */
export function paddedJpegChunks(jpeg: Buffer, size: number): Buffer[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg.length + 4 > size) return [jpeg]
  const chunks: Buffer[] = [jpeg.subarray(0, 2)]
  let missing = size - jpeg.length
  while (missing >= 4) {
    const payload = Math.min(COM_MAX, missing - 4)
    const head = Buffer.from([0xff, 0xfe, 0, 0])
    head.writeUInt16BE(payload + 2, 2) // the length counts itself, not the marker
    chunks.push(head, FILLER.subarray(0, payload))
    missing -= 4 + payload
  }
  chunks.push(jpeg.subarray(2))
  return chunks
}

export function chunksLength(chunks: readonly Buffer[]): number {
  let n = 0
  for (const c of chunks) n += c.length
  return n
}
