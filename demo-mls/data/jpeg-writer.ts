// A small baseline JPEG encoder for the Demo MLS photos (ITU-T T.81: 8-bit, sequential DCT, Huffman, 4:4:4 YCbCr).
// Tables are built once per process: the general-purpose encoder it replaces set up 64K-entry tables for every
// image, ~120 ms and ~5 MB of garbage per photo — a 1,000-photo GetObject took minutes and 250+ MB.
// Huffman codes are fixed-length (4 bits for DC sizes, 8 for AC run/size symbols): any code table a file declares
// is valid JPEG, and these photos are made to be served, not to be small.

// position k of the zigzag scan → index in the row-major 8×8 block
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63
]

// the example quantization tables of T.81 Annex K (luminance, chrominance), row-major
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
  87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
  72, 92, 95, 98, 112, 100, 103, 99
]
const CHROMA_Q = Array.from({ length: 64 }, (_, i) => {
  const r = i >> 3
  const c = i & 7
  const top = [17, 18, 24, 47, 18, 21, 26, 66, 24, 26, 56, 99, 47, 66, 99, 99]
  return r < 4 && c < 4 ? (top[r * 4 + c] ?? 99) : 99
})

/** Quality 1–100 scaling as the IJG library does it. */
function scaled(table: number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, quality))
  const scale = q < 50 ? 5000 / q : 200 - 2 * q
  return table.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))))
}

// cos((2x + 1)uπ/16) · C(u)/2, for the separable forward DCT
const COS = new Float64Array(64)
for (let u = 0; u < 8; u++)
  for (let x = 0; x < 8; x++)
    COS[u * 8 + x] = (Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1)) / 2

/** AC symbols: EOB, ZRL, then run 0–15 × size 1–10; the code of symbol i is i on 8 bits. */
const AC_SYMBOLS = [0x00, 0xf0]
for (let run = 0; run < 16; run++) for (let size = 1; size <= 10; size++) AC_SYMBOLS.push((run << 4) | size)
const AC_CODE = new Int32Array(256).fill(-1)
AC_SYMBOLS.forEach((s, i) => (AC_CODE[s] = i))

class BitWriter {
  bytes: number[] = []
  private acc = 0
  private n = 0

  /** appends the low `count` bits of `value` (count ≤ 16) */
  bits(value: number, count: number): void {
    this.acc = (this.acc << count) | (value & ((1 << count) - 1))
    this.n += count
    while (this.n >= 8) {
      this.n -= 8
      const byte = (this.acc >>> this.n) & 0xff
      this.bytes.push(byte)
      if (byte === 0xff) this.bytes.push(0) // byte stuffing in entropy-coded data
    }
    this.acc &= (1 << this.n) - 1
  }

  /** pads the last byte with 1-bits (T.81 F.1.2.3) */
  flush(): void {
    if (this.n > 0) this.bits(0xff, 8 - this.n)
  }
}

function sizeOf(v: number): number {
  let a = Math.abs(v)
  let s = 0
  while (a) {
    s++
    a >>= 1
  }
  return s
}

function valueBits(v: number, size: number): number {
  return v < 0 ? (v - 1) & ((1 << size) - 1) : v
}

const block = new Float64Array(64)
const tmp = new Float64Array(64)
const coef = new Int32Array(64)

/** DCT, quantization and Huffman coding of one 8×8 block (level-shifted samples in `block`); returns the DC. */
function encodeBlock(out: BitWriter, quant: number[], previousDc: number): number {
  // separable forward DCT: rows, then columns (typed arrays of 64: every index below is in range)
  for (let v = 0; v < 64; v += 8)
    for (let u = 0; u < 64; u += 8) {
      let s = 0
      for (let x = 0; x < 8; x++) s += block[v + x]! * COS[u + x]!
      tmp[v + (u >> 3)] = s
    }
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let s = 0
      for (let y = 0; y < 8; y++) s += tmp[y * 8 + u]! * COS[v * 8 + y]!
      coef[v * 8 + u] = Math.round(s / quant[v * 8 + u]!)
    }
  const dc = coef[0] ?? 0
  const diff = dc - previousDc
  const dcSize = sizeOf(diff)
  out.bits(dcSize, 4)
  if (dcSize) out.bits(valueBits(diff, dcSize), dcSize)
  let run = 0
  for (let k = 1; k < 64; k++) {
    const c = coef[ZIGZAG[k] ?? 0] ?? 0
    if (c === 0) {
      run++
      continue
    }
    while (run > 15) {
      out.bits(AC_CODE[0xf0] ?? 0, 8)
      run -= 16
    }
    const size = sizeOf(c)
    out.bits(AC_CODE[(run << 4) | size] ?? 0, 8)
    out.bits(valueBits(c, size), size)
    run = 0
  }
  if (run > 0) out.bits(AC_CODE[0x00] ?? 0, 8)
  return dc
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2
  return [0xff, marker, length >> 8, length & 0xff, ...payload]
}

/** Encodes RGBA pixels (4 bytes each, alpha ignored) as a baseline JPEG. */
export function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality = 75): Buffer {
  const luma = scaled(LUMA_Q, quality)
  const chroma = scaled(CHROMA_Q, quality)
  const out = new BitWriter()
  const previous = [0, 0, 0]
  for (let by = 0; by < height; by += 8)
    for (let bx = 0; bx < width; bx += 8)
      for (let comp = 0; comp < 3; comp++) {
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 8; x++) {
            // edge blocks repeat the last row / column
            const p = (Math.min(by + y, height - 1) * width + Math.min(bx + x, width - 1)) * 4
            const r = rgba[p] ?? 0
            const g = rgba[p + 1] ?? 0
            const b = rgba[p + 2] ?? 0
            // JFIF YCbCr, level-shifted by 128
            block[y * 8 + x] =
              comp === 0
                ? 0.299 * r + 0.587 * g + 0.114 * b - 128
                : comp === 1
                  ? -0.168736 * r - 0.331264 * g + 0.5 * b
                  : 0.5 * r - 0.418688 * g - 0.081312 * b
          }
        previous[comp] = encodeBlock(out, comp === 0 ? luma : chroma, previous[comp] ?? 0)
      }
  out.flush()
  const dht = [0x00, ...[0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ...Array.from({ length: 12 }, (_, i) => i)]
  dht.push(0x10, 0, 0, 0, 0, 0, 0, 0, AC_SYMBOLS.length, 0, 0, 0, 0, 0, 0, 0, 0, ...AC_SYMBOLS)
  const head = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...ZIGZAG.map((i) => luma[i] ?? 1), 0x01, ...ZIGZAG.map((i) => chroma[i] ?? 1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xc4, dht),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
  ]
  return Buffer.from([...head, ...out.bytes, 0xff, 0xd9])
}
