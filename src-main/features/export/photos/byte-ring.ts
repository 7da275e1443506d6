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

  /** Copies `chunks` to the range reserved at `at`. */
  fill(at: number, chunks: Buffer[]): void {
    for (const chunk of chunks) at += chunk.copy(this.bytes, at)
  }

  releaseOldest(): void {
    this.ranges.shift()
  }
}
