// Comma lists of OData system query options ($expand, $select, $orderby) split at the top level only: an $expand
// item carries its own options in parentheses — `Media($select=MediaURL,Order;$orderby=Order)` — whose commas and
// quoted strings (a nested $filter) belong to the item. A plain `split(',')` cut such an item in two and the
// navigation property was lost.

/**
 * Splits at `separator` outside parentheses and single-quoted strings ('' is an escaped quote); `balanced` is false
 * when a parenthesis or quote is left open or a `)` closes nothing (the parts are then what could be read).
 */
export function splitTopLevel(text: string, separator: string): { parts: string[]; balanced: boolean } {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length && depth >= 0; i++) {
    const c = text[i]
    if (c === "'") quoted = !quoted
    else if (quoted) continue
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return { parts, balanced: depth === 0 && !quoted }
}

/** The items of a comma list, trimmed, empty ones dropped; commas inside (…) and '…' are kept. */
export function splitODataList(text: string): string[] {
  return splitTopLevel(text, ',')
    .parts.map((s) => s.trim())
    .filter(Boolean)
}

/** The navigation path of an $expand item: `Media($select=…)` → `Media`, `Media/$ref` → `Media`. */
export function expandPath(item: string): string {
  const paren = item.indexOf('(')
  return (paren < 0 ? item : item.slice(0, paren)).replace(/\/\$ref$/, '').trim()
}
