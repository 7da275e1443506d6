// What the completion provider hands Monaco, without importing Monaco (the bench's `completion` case times it too).
// The language services answer every field at a fresh position (70k with a large MLS's metadata); Monaco shows a
// dozen rows and filters on its own as the user types. Converting all of them per request was most of the cost,
// so above a cap only the items matching the word typed so far are converted, and the list says it is incomplete:
// Monaco then asks again as the word grows instead of filtering a list it was never given in full.
import type { CompletionItem, CompletionKind } from '../../../domain/query-languages/editor/editor-types'

/** More than anyone scrolls through; below it every item goes to Monaco as before (a complete list). */
export const MAX_SUGGESTIONS = 2000

export interface PickedCompletions {
  items: CompletionItem[]
  /** items matching the word were left out: Monaco must ask again when the word changes */
  incomplete: boolean
}

const escape = (c: string): string => (/\w/.test(c) ? c : `\\${c}`)

/**
 * The items worth converting for `word` (the text between the list's start and the cursor): all of them when there
 * are no more than `cap`; else the ones Monaco's fuzzy filter could match (each character of the word in order,
 * any case), labels that start with the word first (Monaco ranks those highest), in the language module's order,
 * up to `cap`. Regular expressions, not lower-cased copies: this runs over every item per keystroke.
 */
export function pickCompletions(items: CompletionItem[], word: string, cap = MAX_SUGGESTIONS): PickedCompletions {
  if (items.length <= cap) return { items, incomplete: false }
  const chars = Array.from(word, escape)
  const prefix = new RegExp(`^${chars.join('')}`, 'i')
  // `[^x]*x` rather than `.*x`: one way to match, so a label that does not match fails without backtracking
  const fuzzy = new RegExp(chars.map((c, i) => (i ? `[^${c}]*${c}` : c)).join(''), 'i')
  const prefixed: CompletionItem[] = []
  const others: CompletionItem[] = []
  for (const item of items) {
    if (prefixed.length >= cap) break
    if (prefix.test(item.label)) prefixed.push(item)
    else if (others.length < cap && fuzzy.test(item.label)) others.push(item)
  }
  return { items: prefixed.concat(others.slice(0, cap - prefixed.length)), incomplete: true }
}

/** A zero-padded index that sorts as the number does, however many items there are (5 digits up to 99,999). */
export function sortTexts(count: number): (index: number) => string {
  const width = Math.max(5, String(Math.max(0, count - 1)).length)
  return (index) => String(index).padStart(width, '0')
}

export interface Suggestion<K, R> {
  label: string | { label: string; description: string }
  filterText: string
  kind: K
  detail?: string
  documentation?: { value: string }
  insertText: string
  sortText: string
  range: R
}

/** The language module's items as Monaco completion items (`kindOf` maps to Monaco's enum, `range` is shared). */
export function toSuggestions<K, R>(
  items: CompletionItem[],
  kindOf: (kind: CompletionKind) => K,
  range: R
): Array<Suggestion<K, R>> {
  const sortText = sortTexts(items.length)
  return items.map((item, i) => ({
    // lookup codes are opaque (flexmls: OV61GOJ13C0): every row shows its long value, not only the focused one
    label: item.kind === 'lookup-value' && item.detail ? { label: item.label, description: item.detail } : item.label,
    filterText: item.label,
    kind: kindOf(item.kind),
    ...(item.detail !== undefined ? { detail: item.detail } : {}),
    ...(item.documentation ? { documentation: { value: item.documentation } } : {}),
    insertText: item.insertText,
    sortText: sortText(i), // keep the order the language module chose
    range
  }))
}
