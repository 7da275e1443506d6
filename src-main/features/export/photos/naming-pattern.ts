// Naming patterns: `{ListingKey}/{ObjectId}.{ext}` with `/` as the only folder separator. Token values are
// sanitised before they are inserted (so a `/` inside a description cannot create folders), then every resulting
// segment is sanitised again as a whole (reserved names, trailing dots, length). `{Order:3}` zero-pads numbers so
// files sort in photo order.
import { sanitizeRelativePath, sanitizeValue } from './file-name-safety'
import type { ObjectMeta } from './photo-export-types'

export const NAMING_TOKENS = [
  'ListingKey',
  'ObjectId',
  'Order',
  'Type',
  'Resource',
  'Description',
  'Uid',
  'ext'
] as const
export type NamingToken = (typeof NAMING_TOKENS)[number]

export const DEFAULT_PATTERN = '{ListingKey}/{ObjectId}.{ext}'
export const DEFAULT_MULTI_TYPE_PATTERN = '{ListingKey}/{Type}/{ObjectId}.{ext}'

/** The default pattern: with several types the type gets its own folder so Photo 1 and HiRes 1 do not collide. */
export function defaultNamingPattern(types: string[]): string {
  return types.length > 1 ? DEFAULT_MULTI_TYPE_PATTERN : DEFAULT_PATTERN
}

type Piece = { text: string } | { token: NamingToken; pad: number }

export interface NamingPattern {
  source: string
  pieces: Piece[]
}

export interface PatternCheck {
  errors: string[]
  warnings: string[]
}

const TOKEN = /\{([A-Za-z]+)(?::(\d{1,2}))?\}/g

function tokenNamed(name: string): NamingToken | undefined {
  return NAMING_TOKENS.find((t) => t.toLowerCase() === name.toLowerCase())
}

/** Parses a pattern; unknown tokens and stray braces are errors, patterns that cannot tell objects apart warn. */
export function parseNamingPattern(source: string): { pattern?: NamingPattern } & PatternCheck {
  const errors: string[] = []
  const warnings: string[] = []
  const pieces: Piece[] = []
  let last = 0
  for (const m of source.matchAll(TOKEN)) {
    if (m.index > last) pieces.push({ text: source.slice(last, m.index) })
    const token = tokenNamed(m[1]!)
    if (!token) errors.push(`Unknown token {${m[1]}}; use ${NAMING_TOKENS.map((t) => `{${t}}`).join(', ')}.`)
    else pieces.push({ token, pad: m[2] ? Number(m[2]) : 0 })
    last = m.index + m[0].length
  }
  if (last < source.length) pieces.push({ text: source.slice(last) })
  const literal = pieces.flatMap((p) => ('text' in p ? [p.text] : [])).join('')
  if (/[{}]/.test(literal)) errors.push('Unbalanced { or } in the naming pattern.')
  if (source.trim() === '') errors.push('The naming pattern is empty.')
  if (/^[\\/]|^[A-Za-z]:/.test(source.trim()))
    errors.push('The naming pattern must be relative to the destination folder.')
  const tokens = new Set(pieces.flatMap((p) => ('token' in p ? [p.token] : [])))
  if (!tokens.has('ListingKey'))
    warnings.push('Without {ListingKey} files of different listings collide (they get -2, -3 suffixes).')
  if (!tokens.has('ObjectId') && !tokens.has('Order') && !tokens.has('Uid')) {
    warnings.push('Without {ObjectId}, {Order} or {Uid} the photos of one listing collide (they get -2, -3 suffixes).')
  }
  if (!tokens.has('ext')) warnings.push('Without {ext} files have no extension.')
  return errors.length > 0 ? { errors, warnings } : { pattern: { source, pieces }, errors, warnings }
}

/** The text the user typed after the pattern's last token (`.jpg` in `{ObjectId}.jpg`): their own extension. */
export function typedEnding(pattern: NamingPattern): string {
  const last = pattern.pieces[pattern.pieces.length - 1]
  return last && 'text' in last ? last.text : ''
}

export type NamingValues = Pick<ObjectMeta, 'listingKey' | 'objectId' | 'type' | 'resource'> &
  Partial<Pick<ObjectMeta, 'order' | 'description' | 'uid'>> & { ext: string }

function tokenValue(token: NamingToken, v: NamingValues): string {
  switch (token) {
    case 'ListingKey':
      return v.listingKey
    case 'ObjectId':
      return v.objectId
    case 'Order':
      return v.order !== undefined ? String(v.order) : v.objectId
    case 'Type':
      return v.type
    case 'Resource':
      return v.resource
    case 'Description':
      return v.description ?? ''
    case 'Uid':
      return v.uid ?? v.objectId
    case 'ext':
      return v.ext
  }
}

/** The safe relative path segments for one object. */
export function renderNamingPattern(pattern: NamingPattern, values: NamingValues): string[] {
  const text = pattern.pieces
    .map((p) => {
      if ('text' in p) return p.text
      const raw = tokenValue(p.token, values)
      const padded = p.pad > 0 && /^\d+$/.test(raw) ? raw.padStart(p.pad, '0') : raw
      return sanitizeValue(padded)
    })
    .join('')
  return sanitizeRelativePath(text.replace(/\\/g, '/'))
}

/** The live example the export dialog shows under the pattern field. */
export function exampleFileName(source: string, values?: Partial<NamingValues>): { example?: string } & PatternCheck {
  const parsed = parseNamingPattern(source)
  if (!parsed.pattern) return { errors: parsed.errors, warnings: parsed.warnings }
  const sample: NamingValues = {
    listingKey: '20000123',
    objectId: '1',
    order: 1,
    type: 'Photo',
    resource: 'Property',
    description: 'Front of house',
    uid: '20000123-P1',
    ext: 'jpg',
    ...values
  }
  return { example: renderNamingPattern(parsed.pattern, sample).join('/'), errors: [], warnings: parsed.warnings }
}
