// One checksum definition shared by every variant, so "ours" and each baseline can be compared row for row:
// sha256 over the values of each row joined by US (0x1f), rows ended by RS (0x1e). Values are hashed as UTF-8.
import { createHash, type Hash } from 'node:crypto'

const PENDING_CHARS = 1 << 16

export class RowChecksum {
  private readonly hash: Hash = createHash('sha256')
  private pending: string[] = []
  private pendingChars = 0
  rows = 0

  add(values: readonly string[]): void {
    const line = `${values.join('\u001f')}\u001e`
    this.pending.push(line)
    this.pendingChars += line.length
    this.rows++
    // hashing many small strings one by one is slow; batch them, but only ~64 KB: lines held to 1 MB outlived
    // scavenges and were promoted, and that GC then ran inside the timed parse of a variant that hashes as its rows
    // stream by (standard-xml: ~480 → ~450 ms for the same parse)
    if (this.pendingChars > PENDING_CHARS) this.flush()
  }

  digest(): string {
    this.flush()
    return this.hash.digest('hex')
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.hash.update(this.pending.join(''), 'utf8')
    this.pending = []
    this.pendingChars = 0
  }
}

/** Checksum of a set of files: name and sha256 of the content, sorted by name. */
export function fileSetChecksum(entries: Array<{ name: string; sha256: string }>): string {
  const h = createHash('sha256')
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    h.update(`${e.name}:${e.sha256}\n`)
  return h.digest('hex')
}
