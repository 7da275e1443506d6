import type { SourceRange } from '../source-range'

// DMQL2 syntax tree. Every node carries the range of text it came from, for diagnostics and hovers.

export type DmqlNode = DmqlAnd | DmqlOr | DmqlNot | DmqlCriterion

export interface DmqlAnd {
  type: 'and'
  items: DmqlNode[]
  range: SourceRange
}

export interface DmqlOr {
  type: 'or'
  items: DmqlNode[]
  range: SourceRange
}

export interface DmqlNot {
  type: 'not'
  item: DmqlNode
  range: SourceRange
}

/** `|A,B` any of, `+A,B` all of, `~A,B` none of (RETS 1.7.2 lookup-or / lookup-and / lookup-not). */
export type DmqlLookupOp = 'or' | 'and' | 'not'

export interface DmqlCriterion {
  type: 'criterion'
  field: string
  fieldRange: SourceRange
  /** undefined for a plain value list `(Field=a,b)`, which matches any of its items */
  lookupOp?: DmqlLookupOp
  values: DmqlValueItem[]
  /** from just after `=` to just before `)` */
  valueRange: SourceRange
  range: SourceRange
}

export interface DmqlNumber {
  kind: 'number'
  value: number
  text: string
  range: SourceRange
}

/** A day (`2024-01-31`), a date-time (`2024-01-31T10:00:00.000Z`), a time (`10:30:00`), `.TODAY.` / `.NOW.`. */
export interface DmqlDate {
  kind: 'date'
  text: string
  precision: 'date' | 'datetime' | 'time'
  relative?: 'today' | 'now'
  range: SourceRange
}

/** Strings only bound open ranges (`M+`, `M-`, RETS 1.8 greater/less with string-eq). */
export type DmqlBound = DmqlNumber | DmqlDate | DmqlString

export interface DmqlString {
  kind: 'string'
  /** without the quotes */
  value: string
  quoted: boolean
  /** contains `*` (any run) or `?` (one character); never true for quoted strings */
  wildcard: boolean
  range: SourceRange
}

/** `a-b` between (inclusive; numbers, dates or times), `a+` at least, `a-` at most. */
export interface DmqlRange {
  kind: 'range'
  from?: DmqlBound
  to?: DmqlBound
  range: SourceRange
}

export interface DmqlEmpty {
  kind: 'empty'
  range: SourceRange
}

export interface DmqlAny {
  kind: 'any'
  range: SourceRange
}

export type DmqlValueItem = DmqlNumber | DmqlDate | DmqlString | DmqlRange | DmqlEmpty | DmqlAny
