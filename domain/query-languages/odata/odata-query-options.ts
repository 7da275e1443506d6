import type { ODataOrderByItem, ODataSelectItem } from './odata-ast'
import { ODataSyntaxError } from './odata-parser'

// $orderby and $select as simple comma lists (URL Conventions §5.1.5 and §5.1.3). Paths (`Media/Order`) are kept
// as one name; expressions inside $orderby are not supported because no RESO server we target accepts them.

const NAME = /^[A-Za-z_][\w]*(\/[A-Za-z_][\w]*)*$/

export function parseODataOrderBy(text: string): ODataOrderByItem[] {
  return splitList(text, '$orderby').map(({ item, from }) => {
    const m = /^(\S+)(?:\s+(\S+))?$/.exec(item)
    const field = m?.[1] ?? item
    if (!NAME.test(field))
      throw new ODataSyntaxError(`$orderby: '${field}' is not a property name`, from, from + field.length)
    const dir = m?.[2]?.toLowerCase()
    if (dir !== undefined && dir !== 'asc' && dir !== 'desc') {
      const at = from + item.lastIndexOf(m![2]!)
      throw new ODataSyntaxError(
        `$orderby: expected asc or desc after ${field}, found '${m![2]}'`,
        at,
        at + m![2]!.length
      )
    }
    return { field, direction: dir === 'desc' ? 'desc' : 'asc', range: { from, to: from + item.length } }
  })
}

export function parseODataSelect(text: string): ODataSelectItem[] {
  return splitList(text, '$select').map(({ item, from }) => {
    if (item !== '*' && !NAME.test(item))
      throw new ODataSyntaxError(`$select: '${item}' is not a property name`, from, from + item.length)
    return { field: item, range: { from, to: from + item.length } }
  })
}

function splitList(text: string, option: string): Array<{ item: string; from: number }> {
  const out: Array<{ item: string; from: number }> = []
  if (text.trim() === '') return out
  let start = 0
  for (const part of text.split(',')) {
    const lead = part.length - part.trimStart().length
    const item = part.trim()
    if (!item) throw new ODataSyntaxError(`${option}: empty item in the list`, start, start + part.length)
    out.push({ item, from: start + lead })
    start += part.length + 1
  }
  return out
}
