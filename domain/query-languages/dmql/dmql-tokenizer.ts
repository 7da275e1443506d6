// DMQL2 tokenizer (RETS 1.7.2 §7.7). The language is context sensitive: `|`, `~`, `,` are OR/NOT/AND between
// conditions but lookup operators and list separators after `Field=`. So the tokenizer tracks whether it is inside a
// value (from `=` to the closing `)`). It never throws: bad input becomes `error` tokens, because the editor colours
// half-typed queries on every keystroke.

export type DmqlTokenType =
  | 'lparen'
  | 'rparen'
  | 'field'
  | 'equals'
  | 'and' // `,` or AND between conditions
  | 'or' // `|` or OR between conditions
  | 'not' // `~` or NOT before a condition
  | 'lookup-op' // `|` `+` `~` right after `=`
  | 'value' // one list item, trimmed, quotes kept
  | 'comma' // separator between list items
  | 'error'

export interface DmqlToken {
  type: DmqlTokenType
  text: string
  from: number
  to: number
}

// Comparison characters end a name so `(A>1)` reports the `>` rather than a field called `A>1`.
const NAME_STOP = /[\s=()|,~"<>!]/
const KEYWORDS: Record<string, DmqlTokenType> = { AND: 'and', OR: 'or', NOT: 'not' }

export function tokenizeDmql(text: string): DmqlToken[] {
  const out: DmqlToken[] = []
  const push = (type: DmqlTokenType, from: number, to: number) =>
    out.push({ type, text: text.slice(from, to), from, to })
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === '(') {
      push('lparen', i, ++i)
      continue
    }
    if (c === ')') {
      push('rparen', i, ++i)
      continue
    }
    if (c === ',' || c === '|' || c === '~') {
      push(c === ',' ? 'and' : c === '|' ? 'or' : 'not', i, ++i)
      continue
    }
    if (c === '=') {
      push('equals', i, ++i)
      i = scanValue(text, i, push)
      continue
    }
    if (c === '"') {
      const end = closingQuote(text, i)
      push('error', i, end)
      i = end
      continue
    }
    let j = i
    while (j < n && !NAME_STOP.test(text[j]!)) j++
    if (j === i) {
      while (j < n && /[<>!]/.test(text[j]!)) j++
      push('error', i, j)
      i = j
      continue
    }
    const word = text.slice(i, j)
    const prev = out[out.length - 1]
    const keyword = Object.hasOwn(KEYWORDS, word.toUpperCase()) ? KEYWORDS[word.toUpperCase()] : undefined
    if (keyword && nextNonSpace(text, j) !== '=') push(keyword, i, j)
    else if (prev?.type === 'lparen' || nextNonSpace(text, j) === '=') push('field', i, j)
    else push('error', i, j)
    i = j
  }
  return out
}

/** Value mode: from just after `=` up to (not including) the `)` that closes the condition. */
function scanValue(text: string, start: number, push: (t: DmqlTokenType, f: number, to: number) => void): number {
  let i = skipSpace(text, start)
  const c = text[i]
  if (c === '|' || c === '+' || c === '~') {
    push('lookup-op', i, i + 1)
    i++
  }
  const n = text.length
  while (i < n) {
    i = skipSpace(text, i)
    if (i >= n) break
    const ch = text[i]!
    if (ch === ')') return i
    if (ch === ',') {
      push('comma', i, ++i)
      continue
    }
    // An item runs to the next `,` or `)` outside double quotes; inner spaces are kept (`"New York"`).
    const itemStart = i
    while (i < n && text[i] !== ',' && text[i] !== ')') {
      i = text[i] === '"' ? closingQuote(text, i) : i + 1
    }
    let itemEnd = i
    while (itemEnd > itemStart && /\s/.test(text[itemEnd - 1]!)) itemEnd--
    const raw = text.slice(itemStart, itemEnd)
    const unterminated = raw.startsWith('"') && (raw.length === 1 || !raw.endsWith('"'))
    push(unterminated ? 'error' : 'value', itemStart, itemEnd)
  }
  return i
}

function closingQuote(text: string, open: number): number {
  const close = text.indexOf('"', open + 1)
  return close < 0 ? text.length : close + 1
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++
  return i
}

function nextNonSpace(text: string, i: number): string | undefined {
  return text[skipSpace(text, i)]
}
