// $expand items with their nested options (OData Part 2 §5.1.2): `Media`, `Media($select=MediaKey,Order;
// $orderby=Order desc;$top=1)`. Nested options are separated by `;` and may hold parentheses and quoted strings of
// their own (a nested $filter), so the text is split only at the top level.
import { ODataRequestError } from './odata-request-error'
import { checkSystemOptions } from './reso-system-options'
import { splitTopLevel as splitOutside } from '../../domain/query-languages/odata/odata-list-split'

export interface ExpandItem {
  /** navigation property name */
  path: string
  /** the nested system query options, as a query string would hold them */
  options: URLSearchParams
}

/** Splits at `separator` at the top level; unbalanced parentheses or quotes are a 400. */
function splitTopLevel(text: string, separator: string): string[] {
  const { parts, balanced } = splitOutside(text, separator)
  if (!balanced)
    throw new ODataRequestError(400, 'BadRequest', `$expand: unbalanced parentheses or quotes in '${text}'.`, '$expand')
  return parts
}

const ITEM = /^\s*([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*$/s

export function parseExpand(text: string | null): ExpandItem[] {
  if (text === null || text.trim() === '') return []
  return splitTopLevel(text, ',').map((raw) => {
    const m = ITEM.exec(raw)
    if (!m) throw new ODataRequestError(400, 'BadRequest', `$expand: cannot read '${raw.trim()}'.`, '$expand')
    const options = new URLSearchParams()
    const inner = m[2]?.trim() ?? ''
    if (inner) {
      for (const part of splitTopLevel(inner, ';')) {
        const eq = part.indexOf('=')
        if (eq <= 0 || !part.trimStart().startsWith('$'))
          throw new ODataRequestError(400, 'BadRequest', `$expand: '${part.trim()}' is not name=value.`, '$expand')
        options.append(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
      }
    }
    checkSystemOptions(options.keys(), 'nested')
    return { path: m[1] ?? '', options }
  })
}
