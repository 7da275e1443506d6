// The fuzzy match behind "variations" (near-miss names of Data Dictionary fields such as List_Price, ListPrise,
// listprice). Documented so users can judge a score:
//   1. both names are folded: lower case, everything but letters and digits removed (List_Price → listprice);
//   2. folded names that are equal score 1 (case, spaces, underscores and punctuation never count);
//   3. otherwise score = 1 − editDistance / length of the longer folded name (Levenshtein: one insertion,
//      deletion or substitution per step), so ListPrise ↔ ListPrice scores 1 − 1/9 ≈ 0.89;
//   4. folded names shorter than 4 characters only ever match exactly (3-letter names are too close to each other).
// A local field is reported as a variation of the best-scoring standard field at or above the threshold
// (DEFAULT_VARIATION_THRESHOLD unless the user sets another).
import { foldName } from '../../mapping/field-map'

export const DEFAULT_VARIATION_THRESHOLD = 0.85

/** Edit distance, giving up (returning max + 1) once it must exceed `max`: most pairs are rejected in a few rows. */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  let cur = new Array<number>(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    ;[prev, cur] = [cur, prev]
  }
  return prev[b.length]!
}

/** Similarity of two already folded names, 0…1; below `threshold` may be returned as 0 (not worth computing). */
export function foldedSimilarity(a: string, b: string, threshold: number): number {
  if (a === b) return 1
  if (a.length < 4 || b.length < 4) return 0
  const longest = Math.max(a.length, b.length)
  const max = Math.floor((1 - threshold) * longest)
  const d = boundedLevenshtein(a, b, max)
  return d > max ? 0 : 1 - d / longest
}

export function nameSimilarity(a: string, b: string, threshold = 0): number {
  return foldedSimilarity(foldName(a), foldName(b), threshold)
}

/** An index of standard names for finding the best variation of many local names quickly (bucketed by length). */
export class VariationIndex {
  private readonly byLength = new Map<number, Array<{ folded: string; name: string }>>()
  constructor(
    names: Iterable<string>,
    private readonly threshold: number
  ) {
    for (const name of names) {
      const folded = foldName(name)
      const bucket = this.byLength.get(folded.length) ?? []
      bucket.push({ folded, name })
      this.byLength.set(folded.length, bucket)
    }
  }

  best(local: string): { name: string; score: number } | undefined {
    const folded = foldName(local)
    // a name within the threshold can differ in length by at most (1 − t) × its longer length
    const slack = Math.ceil(((1 - this.threshold) * folded.length) / this.threshold)
    let best: { name: string; score: number } | undefined
    for (let len = folded.length - slack; len <= folded.length + slack; len++) {
      for (const c of this.byLength.get(len) ?? []) {
        const score = foldedSimilarity(folded, c.folded, this.threshold)
        if (score >= this.threshold && (!best || score > best.score)) best = { name: c.name, score }
      }
    }
    return best
  }
}
