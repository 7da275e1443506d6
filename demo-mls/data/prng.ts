// Deterministic randomness for the generator. mulberry32 is tiny and good enough for fake data; each record gets
// its own stream (seed mixed with the record index) so large mode can regenerate row N without rows 0..N-1.

export type Rng = () => number

const STEP = 0x6d2b79f5

/** mulberry32's output for state `a` (already stepped). */
function mulberryOut(a: number): number {
  let t = Math.imul(a ^ (a >>> 15), a | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// The state is kept as a signed 32-bit integer (`| 0`, same bits as the usual `>>> 0`): it then stays a small
// integer, where an unsigned state above 2^31 would be boxed as a heap number on every draw.
export function mulberry32(seed: number): Rng {
  let a = seed | 0
  return () => {
    a = (a + STEP) | 0
    return mulberryOut(a)
  }
}

/**
 * A mulberry32 generator reseeded per record, so drawing a million records allocates no generator per record.
 * Its state only ever advances by a constant, so `skip` passes over n draws at once and `state` / `seed` let a reader
 * come back to a point of the stream later (listing-draw.ts draws a listing's rooms only when they are read).
 */
export class ReseedableRng {
  private a = 0
  readonly next: Rng = () => {
    this.a = (this.a + STEP) | 0
    return mulberryOut(this.a)
  }

  seed(seed: number): this {
    this.a = seed | 0
    return this
  }

  get state(): number {
    return this.a
  }

  skip(draws: number): void {
    this.a = (this.a + Math.imul(draws, STEP)) | 0
  }
}

/** The `k`-th draw (from 1) of a stream whose state was `state`, as ReseedableRng.next would have returned it. */
export function drawAfter(state: number, k: number): number {
  return mulberryOut((state + Math.imul(k, STEP)) | 0)
}

/** Mixes a seed with a record index and a stream name into a 32-bit seed (FNV-1a over the three). */
export function streamSeed(seed: number, index: number, stream: string): number {
  // unrolled: large mode seeds a stream per generated row, and a closure per call costs more than the hashing
  let h = 0x811c9dc5
  h = Math.imul(h ^ (seed & 0xff), 0x01000193)
  h = Math.imul(h ^ ((seed >>> 8) & 0xff), 0x01000193)
  h = Math.imul(h ^ ((seed >>> 16) & 0xff), 0x01000193)
  h = Math.imul(h ^ ((seed >>> 24) & 0xff), 0x01000193)
  h = Math.imul(h ^ (index & 0xff), 0x01000193)
  h = Math.imul(h ^ ((index >>> 8) & 0xff), 0x01000193)
  h = Math.imul(h ^ ((index >>> 16) & 0xff), 0x01000193)
  h = Math.imul(h ^ ((index >>> 24) & 0xff), 0x01000193)
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ (stream.charCodeAt(i) & 0xff), 0x01000193)
  return h >>> 0
}

export function recordRng(seed: number, index: number, stream: string): Rng {
  return mulberry32(streamSeed(seed, index, stream))
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

/** A few distinct indexes below `length` (at most 32) as a bit mask: bit i set = item i chosen. */
export function pickMask(rng: Rng, length: number, min: number, max: number): number {
  const n = intBetween(rng, min, Math.min(max, length))
  let chosen = 0
  let count = 0
  while (count < n) {
    const bit = 1 << Math.floor(rng() * length)
    if ((chosen & bit) === 0) {
      chosen |= bit
      count++
    }
  }
  return chosen
}

/** The items a mask from pickMask chose, in the order of `items`. */
export function maskItems<T>(items: readonly T[], mask: number): T[] {
  const out: T[] = []
  for (let i = 0, m = mask; m !== 0; i++, m >>>= 1) if (m & 1) out.push(items[i] as T)
  return out
}

/** A few distinct items (order kept as in `items`; at most 32 items). */
export function pickSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  return maskItems(items, pickMask(rng, items.length, min, max))
}
