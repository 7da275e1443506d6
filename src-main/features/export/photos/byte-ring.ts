// A ring of shared memory whose ranges are released in the order they were reserved (the file lane's worker answers
// in order). A range is contiguous: one that does not fit before the end starts again at 0.
export class ByteRing {
  readonly shared: SharedArrayBuffer
  private readonly bytes: Buffer
  /** reserved ranges, oldest first: [start, end) */
  private readonly ranges: Array<[number, number]> = []

  constructor(readonly size: number) {
    this.shared = new SharedArrayBuffer(size)
    this.bytes = Buffer.from(this.shared)
  }

  /** The start of `length` (> 0) free bytes, or undefined when the ring has no such room now. */
  reserve(length: number): number | undefined {
    const oldest = this.ranges[0]?.[0]
    const head = this.ranges[this.ranges.length - 1]?.[1] ?? 0
    let at: number | undefined
    if (oldest === undefined) at = length <= this.size ? 0 : undefined
    else if (head > oldest) at = head + length <= this.size ? head : length <= oldest ? 0 : undefined
    else at = head + length <= oldest ? head : undefined
    if (at !== undefined) this.ranges.push([at, at + length])
    return at
  }

  /**
   * Copies `chunks` to the range reserved at `at`. With `fill` and a buffer value Node copies with memcpy; `copy`
   * into shared memory copies byte by byte wherever the two sides are not equally aligned (V8's relaxed copy): 7×
   * slower for the unaligned chunks a multipart body gives.
   */
  fill(at: number, chunks: Buffer[]): void {
    for (const chunk of chunks) {
      if (chunk.length === 0) continue // fill() refuses an empty value
      this.bytes.fill(chunk, at, at + chunk.length)
      at += chunk.length
    }
  }

  releaseOldest(): void {
    this.ranges.shift()
  }
}
