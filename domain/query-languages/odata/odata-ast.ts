import type { SourceRange } from '../source-range'

// OData $filter syntax tree (URL Conventions §5.1.1). Every node carries its source range.

export type ODataComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'
export type ODataBinaryOp = 'and' | 'or' | ODataComparisonOp | 'has'

export type ODataExpr = ODataBinary | ODataNot | ODataIn | ODataLiteral | ODataProperty | ODataCall | ODataLambda

export interface ODataBinary {
  type: 'binary'
  op: ODataBinaryOp
  left: ODataExpr
  right: ODataExpr
  opRange: SourceRange
  range: SourceRange
}

export interface ODataNot {
  type: 'not'
  operand: ODataExpr
  range: SourceRange
}

/** OData 4.01 `City in ('Fargo','Moorhead')`. */
export interface ODataIn {
  type: 'in'
  left: ODataExpr
  list: ODataExpr[]
  range: SourceRange
}

export type ODataLiteralType =
  'string' | 'number' | 'boolean' | 'null' | 'date' | 'datetime' | 'guid' | 'enum' | 'typed'

export interface ODataLiteral {
  type: 'literal'
  valueType: ODataLiteralType
  /** strings unescaped; enum: the member name(s) without the type; numbers as numbers */
  value: string | number | boolean | null
  /** enum literals: the qualified type name, e.g. `Odata.Models.StandardStatus` */
  enumType?: string
  text: string
  range: SourceRange
}

/** A property path: `City`, `Media/MediaCategory`, or a lambda variable `x` / `x/Name`. */
export interface ODataProperty {
  type: 'property'
  path: string[]
  range: SourceRange
}

export interface ODataCall {
  type: 'call'
  name: string
  args: ODataExpr[]
  nameRange: SourceRange
  range: SourceRange
}

/** `Features/any(f: f eq 'Pool')`, `Rooms/all(r: r/Area gt 10)`, `Features/any()`. */
export interface ODataLambda {
  type: 'lambda'
  op: 'any' | 'all'
  collection: ODataProperty
  variable?: string
  body?: ODataExpr
  range: SourceRange
}

export interface ODataOrderByItem {
  field: string
  direction: 'asc' | 'desc'
  range: SourceRange
}

export interface ODataSelectItem {
  field: string
  range: SourceRange
}
