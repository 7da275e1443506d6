// Deterministic randomness for the generator. mulberry32 is tiny and good enough for fake data; each record gets
// its own stream (seed mixed with the record index) so large mode can regenerate row N without rows 0..N-1.

export type Rng = () => number

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Mixes a seed with a record index and a stream name into a 32-bit seed (FNV-1a over the three). */
export function streamSeed(seed: number, index: number, stream: string): number {
  let h = 0x811c9dc5
  const feed = (n: number): void => {
    h ^= n & 0xff
    h = Math.imul(h, 0x01000193)
  }
  for (const n of [seed, seed >>> 8, seed >>> 16, seed >>> 24, index, index >>> 8, index >>> 16, index >>> 24]) feed(n)
  for (let i = 0; i < stream.length; i++) feed(stream.charCodeAt(i))
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

/** A few distinct items (order kept as in `items`). */
export function pickSome<T>(rng: Rng, items: readonly T[], min: number, max: number): T[] {
  const n = intBetween(rng, min, Math.min(max, items.length))
  const chosen = new Set<number>()
  while (chosen.size < n) chosen.add(Math.floor(rng() * items.length))
  return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T)
}
