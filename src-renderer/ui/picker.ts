// What the pickers (command palette, quick switcher) list, and the fuzzy match that orders it.
import type { IconName } from './AppIcon.vue'

export interface PickerItem {
  key: string
  title: string
  /** dimmer text after the title (where the item lives) */
  detail?: string
  icon?: IconName
}

/**
 * How well `query` matches `text` as a subsequence (case-insensitive), higher is better; undefined = no match.
 * Letters in a row and letters at word starts (after a space, dot, underscore or a lower→upper step, as in
 * `ListPrice`) count more, so "lp" finds ListPrice before "Lot Pool Area" is even considered close.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '')
  if (!q) return 0
  const lower = text.toLowerCase()
  let score = 0
  let at = 0
  let prev = -2
  for (const ch of q) {
    const i = lower.indexOf(ch, at)
    if (i < 0) return undefined
    const start = i === 0 || /[\s._\-/·]/.test(text[i - 1] ?? '') || isCaseStep(text, i)
    score += 1 + (i === prev + 1 ? 3 : 0) + (start ? 2 : 0)
    prev = i
    at = i + 1
  }
  // shorter texts win a tie: "City" before "CityRegion"
  return score - text.length / 100
}

function isCaseStep(text: string, i: number): boolean {
  const c = text[i] ?? ''
  const before = text[i - 1] ?? ''
  return c !== c.toLowerCase() && before === before.toLowerCase() && before !== before.toUpperCase()
}

/** The items matching `query`, best first (stable among equals), at most `limit`. */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (t: T) => string, limit = 200): T[] {
  if (!query.trim()) return items.slice(0, limit)
  const scored: { item: T; score: number; i: number }[] = []
  items.forEach((item, i) => {
    const score = fuzzyScore(query, textOf(item))
    if (score !== undefined) scored.push({ item, score, i })
  })
  scored.sort((a, b) => b.score - a.score || a.i - b.i)
  return scored.slice(0, limit).map((s) => s.item)
}
