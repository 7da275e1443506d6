// Attributes of one start tag, read leniently: servers vary case (`Replycode`), order (flexmls logout puts
// ReplyText first), quoting and spacing. Names are kept as sent; use `attr()` for case-insensitive lookup.
import { decodeXmlEntities } from './xml-text'

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g

export function parseAttributes(tagText: string): Record<string, string> {
  const out: Record<string, string> = {}
  const start = tagText.search(/\s/)
  if (start < 0) return out
  for (const m of tagText.slice(start).matchAll(ATTR)) {
    out[m[1]!] = decodeXmlEntities(m[2] ?? m[3] ?? m[4] ?? '')
  }
  return out
}

export function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name]
  const lower = name.toLowerCase()
  for (const k of Object.keys(attrs)) if (k.toLowerCase() === lower) return attrs[k]
  return undefined
}

/** Element name of a start tag text like `<COUNT Records="3"/>` (without `<`). */
export function tagName(tagText: string): string {
  const m = /^<\/?\s*([^\s/>]+)/.exec(tagText)
  return m ? m[1]! : ''
}
