// The Demo MLS's own baseline JPEG encoder: what it writes decodes (with jpeg-js, an independent decoder) to the
// picture it was given, whatever the size (edge blocks included), and padding to real photo sizes keeps it valid.
import { describe, expect, it } from 'vitest'
import jpeg from 'jpeg-js'
import { encodeJpeg } from '../../../demo-mls/data/jpeg-writer'
import { chunksLength, paddedJpegChunks } from '../../../demo-mls/data/jpeg-padding'

function picture(width: number, height: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      rgba[i] = (x * 7) % 256
      rgba[i + 1] = (y * 5) % 256
      rgba[i + 2] = x < width / 2 ? 40 : 220
      rgba[i + 3] = 255
    }
  return rgba
}

function meanError(a: Uint8Array, b: Uint8Array): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue
    sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
    n++
  }
  return sum / n
}

describe('encodeJpeg', () => {
  it.each([
    [160, 120],
    [37, 21]
  ])('%i×%i decodes to the same picture', (width, height) => {
    const rgba = picture(width, height)
    const img = jpeg.decode(encodeJpeg(rgba, width, height, 90))
    expect([img.width, img.height]).toEqual([width, height])
    expect(meanError(img.data, rgba)).toBeLessThan(4)
  })

  it('padded to a real photo size, it is still the same decodable JPEG', () => {
    const rgba = picture(160, 120)
    const bytes = encodeJpeg(rgba, 160, 120, 75)
    const chunks = paddedJpegChunks(bytes, 300_000)
    expect(chunksLength(chunks)).toBe(300_000)
    const padded = Buffer.concat(chunks)
    expect(jpeg.decode(padded).data.equals(jpeg.decode(bytes).data)).toBe(true)
  })
})
