// Where each row of a result store's spill file starts. A million-row result used one Float64Array doubled as it
// grew: 8 MB live at the end, and every array it outgrew (4 + 2 + 1… MB) stayed behind as garbage in the old
// generation until a full GC — on a 1M-row COMPACT search that was ~10 MB of the peak RSS. Here the offsets go into
// fixed blocks that are never copied, each holding its rows' offsets relative to the block's first row in 32 bits
// (4 bytes a row); a block whose rows pass 4 GB (a run of huge records) is moved to 64-bit numbers.

const BLOCK_BITS = 14
/** rows per block: 64 KB of Uint32 offsets, small enough for the many small results */
const BLOCK = 1 << BLOCK_BITS
const MAX_RELATIVE = 0xffffffff

export class RowOffsets {
  private blocks: Array<Uint32Array | Float64Array> = []
  private bases: number[] = []
  private block: Uint32Array | Float64Array = new Uint32Array(0)
  private base = 0
  private fill = BLOCK
  private count = 0

  get length(): number {
    return this.count
  }

  /** Appends the next row's offset (offsets only grow). */
  add(offset: number): void {
    if (this.fill === BLOCK) this.startBlock(offset)
    const relative = offset - this.base
    if (relative > MAX_RELATIVE && this.block instanceof Uint32Array) this.widen()
    this.block[this.fill++] = relative
    this.count++
  }

  /** The offset of row `i` (0 ≤ i < length). */
  at(i: number): number {
    const b = i >>> BLOCK_BITS
    return this.bases[b]! + this.blocks[b]![i & (BLOCK - 1)]!
  }

  /** Forgets every row and lets the blocks go. */
  clear(): void {
    this.blocks = []
    this.bases = []
    this.block = new Uint32Array(0)
    this.fill = BLOCK
    this.count = 0
  }

  private startBlock(offset: number): void {
    this.block = new Uint32Array(BLOCK)
    this.base = offset
    this.fill = 0
    this.blocks.push(this.block)
    this.bases.push(offset)
  }

  private widen(): void {
    const wide = Float64Array.from(this.block)
    this.blocks[this.blocks.length - 1] = wide
    this.block = wide
  }
}
