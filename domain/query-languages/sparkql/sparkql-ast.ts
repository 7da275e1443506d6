import type { SourceRange } from '../source-range'

// SparkQL `_filter` syntax tree.

export type SparkOp = 'Eq' | 'Ne' | 'Gt' | 'Ge' | 'Lt' | 'Le' | 'Bt'

export type SparkNode = SparkAnd | SparkOr | SparkNot | SparkCondition

export interface SparkAnd {
  type: 'and'
  items: SparkNode[]
  range: SourceRange
}

export interface SparkOr {
  type: 'or'
  items: SparkNode[]
  range: SourceRange
}

export interface SparkNot {
  type: 'not'
  item: SparkNode
  range: SourceRange
}

export interface SparkCondition {
  type: 'condition'
  /** custom fields `"Main"."Style"` are joined with '.' */
  field: string
  fieldRange: SourceRange
  op: SparkOp
  opRange: SourceRange
  /** Eq/Ne: one or more (any of / none of); Bt: exactly two; others: one */
  values: SparkValue[]
  range: SourceRange
}

export type SparkValue =
  | { kind: 'string'; value: string; wildcard: boolean; range: SourceRange }
  | { kind: 'number'; value: number; text: string; range: SourceRange }
  | { kind: 'boolean'; value: boolean; range: SourceRange }
  | { kind: 'null'; range: SourceRange }
  | { kind: 'date'; text: string; precision: 'date' | 'datetime'; range: SourceRange }
  | { kind: 'time'; text: string; range: SourceRange }
  /** relative dates: now(), days(-7), months(n), years(n) */
  | { kind: 'function'; name: 'now' | 'days' | 'months' | 'years'; arg?: number; range: SourceRange }
