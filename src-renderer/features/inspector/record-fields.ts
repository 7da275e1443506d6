// The record inspector's rows: every field of one result row with what the metadata says about it, nested JSON
// (RESO $expand=Media, Spark arrays) parsed into a tree, and image URLs picked out to show as thumbnails. Pure, so
// the rules are tested without a DOM.
import type { FieldMeta } from '../../../domain/metadata/metadata-model'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface RecordField {
  name: string
  longName?: string
  value: string
  /** the lookup's long value(s) for a code (or codes) */
  decoded?: string
  /** parsed when the value is a JSON object or array */
  json?: JsonValue
}

export interface RecordColumn {
  name: string
  lookupName?: string | undefined
}

export function recordFields(
  columns: readonly RecordColumn[],
  cells: readonly string[],
  fieldOf: (name: string) => FieldMeta | undefined,
  longOf: (lookupName: string | undefined) => ((code: string) => string | undefined) | undefined
): RecordField[] {
  return columns.map((c, i) => {
    const value = cells[i] ?? ''
    const field = fieldOf(c.name)
    const out: RecordField = { name: c.name, value }
    if (field?.longName && field.longName !== c.name) out.longName = field.longName
    const decode = longOf(c.lookupName ?? field?.lookupName)
    if (decode && value) {
      const longs = value.split(',').map((code) => decode(code.trim()) ?? code.trim())
      const decoded = longs.join(', ')
      if (decoded !== value) out.decoded = decoded
    }
    const json = parseJson(value)
    if (json !== undefined) out.json = json
    return out
  })
}

function parseJson(value: string): JsonValue | undefined {
  const t = value.trim()
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return undefined
  try {
    return JSON.parse(t) as JsonValue
  } catch {
    return undefined
  }
}

const IMAGE_URL = /^https?:\/\/[^\s]+\.(jpe?g|png|gif|webp)(\?[^\s]*)?$/i
/** keys that carry a photo's URL in RESO Media and Spark Photos records */
const URL_KEYS = /^(MediaURL|Uri\d*|UriLarge|UriThumb|Uri300|Uri640|Uri800|Uri1024|Url|URL)$/

/** Photo URLs anywhere in the record (plain cells, Media / Photos arrays), first ones first, at most `max`. */
export function photoUrls(fields: readonly RecordField[], max = 24): string[] {
  const out: string[] = []
  const visit = (v: JsonValue | undefined, key?: string): void => {
    if (out.length >= max || v === undefined || v === null) return
    if (typeof v === 'string') {
      if (IMAGE_URL.test(v) || (key !== undefined && URL_KEYS.test(key) && /^https?:\/\//.test(v))) {
        if (!out.includes(v)) out.push(v)
      }
    } else if (Array.isArray(v)) v.forEach((x) => visit(x))
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k)
  }
  for (const f of fields) visit(f.json ?? f.value)
  return out
}
