// Comma lists of OData system query options ($expand, $select, $orderby) split at the top level only: an $expand
// item carries its own options in parentheses — `Media($select=MediaURL,Order;$orderby=Order)` — whose commas and
// quoted strings (a nested $filter) belong to the item. A plain `split(',')` cut such an item in two and the
// navigation property was lost.

/** The items of a comma list, trimmed, empty ones dropped; commas inside (…) and '…' ('' = a quote) are kept. */
export function splitODataList(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === "'") quoted = !quoted
    else if (quoted) continue
    else if (c === '(') depth++
    else if (c === ')') depth = Math.max(0, depth - 1)
    else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i))
      start = i + 1
    }
  }
  items.push(text.slice(start))
  return items.map((s) => s.trim()).filter(Boolean)
}

/** The navigation path of an $expand item: `Media($select=…)` → `Media`, `Media/$ref` → `Media`. */
export function expandPath(item: string): string {
  const paren = item.indexOf('(')
  return (paren < 0 ? item : item.slice(0, paren)).replace(/\/\$ref$/, '').trim()
}
