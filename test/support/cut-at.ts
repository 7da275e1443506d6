// A text or buffer cut at arbitrary points (fast-check hands the points): the chunking tests feed a reader the
// same document in every possible split.
export function cutAt(whole: string, points: number[]): string[]
export function cutAt(whole: Buffer, points: number[]): Buffer[]
export function cutAt(whole: string | Buffer, points: number[]): Array<string | Buffer> {
  const at = [...new Set(points.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b)
  const piece = (from: number, to?: number): string | Buffer =>
    typeof whole === 'string' ? whole.slice(from, to) : whole.subarray(from, to)
  const parts: Array<string | Buffer> = []
  let last = 0
  for (const p of at) {
    parts.push(piece(last, p))
    last = p
  }
  parts.push(piece(last))
  return parts
}
