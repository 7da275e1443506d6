import type { FieldMeta } from '../../metadata/metadata-model'
import {
  compareDate,
  compareNumbers,
  compareText,
  compareTimeOfDay,
  numberOf,
  sameText,
  todayText,
  wildcardMatcher
} from '../values/compare-values'
import { fieldKindOf, isMultiValued, type FieldKind, type FieldResolver } from '../values/field-kind'
import { scalarsOf, type RecordAccessor, type Scalar } from '../values/record-value'
import type { DmqlBound, DmqlCriterion, DmqlNode, DmqlValueItem } from './dmql-ast'

// Evaluates a DMQL2 tree against one record, the way the Demo MLS server filters its rows.
// Semantics (RETS 1.7.2 §7.7.2, and what real servers do where the spec is silent):
// - a value list `(F=a,b)` and a lookup-or `(F=|a,b)` match when any item matches any of the record's values;
//   lookup-and `+a,b` needs every item present; lookup-not `~a,b` needs none present (so an empty field passes);
// - `.EMPTY.` matches a missing/blank value, `.ANY.` any non-blank value;
// - strings compare case-insensitively, numbers numerically, dates at the precision written in the query;
// - `.TODAY.` / `.NOW.` use `options.now` (default: the current time), in UTC.

export interface DmqlEvalOptions {
  now?: Date
}

export function evaluateDmql(
  ast: DmqlNode,
  record: RecordAccessor,
  fieldInfo?: FieldResolver,
  options: DmqlEvalOptions = {}
): boolean {
  return visit(ast, record, fieldInfo, options.now ?? new Date())
}

// Plain functions rather than closures made per call: the Demo MLS runs this once per row of a million-row search.
function visit(node: DmqlNode, record: RecordAccessor, fieldInfo: FieldResolver | undefined, now: Date): boolean {
  switch (node.type) {
    case 'and':
      for (const item of node.items) if (!visit(item, record, fieldInfo, now)) return false
      return true
    case 'or':
      for (const item of node.items) if (visit(item, record, fieldInfo, now)) return true
      return false
    case 'not':
      return !visit(node.item, record, fieldInfo, now)
    case 'criterion':
      return evaluateCriterion(node, record, fieldInfo?.(node.field), now)
  }
}

/** What the evaluator needs of a field, worked out once per field (metadata fields are not changed once built)
 * rather than with regexes on every record. */
interface FieldTraits {
  kind: FieldKind
  multi: boolean
}
const traitsCache = new WeakMap<FieldMeta, FieldTraits>()

function traitsOf(field: FieldMeta): FieldTraits {
  let traits = traitsCache.get(field)
  if (!traits) {
    traits = { kind: fieldKindOf(field.dataType), multi: isMultiValued(field) }
    traitsCache.set(field, traits)
  }
  return traits
}

function evaluateCriterion(c: DmqlCriterion, record: RecordAccessor, field: FieldMeta | undefined, now: Date): boolean {
  const traits = field ? traitsOf(field) : undefined
  // RETS COMPACT sends LookupMulti values as "A,B,C"; split them only when the metadata says the field is multi.
  const values = scalarsOf(record(c.field), traits ? traits.multi : c.lookupOp !== undefined)
  const kind = traits?.kind
  switch (c.lookupOp) {
    case 'and':
      for (const item of c.values) if (!hit(item, values, kind, now)) return false
      return true
    case 'not':
      for (const item of c.values) if (hit(item, values, kind, now)) return false
      return true
    default:
      for (const item of c.values) if (hit(item, values, kind, now)) return true
      return false
  }
}

function hit(item: DmqlValueItem, values: Scalar[], kind: FieldKind | undefined, now: Date): boolean {
  if (item.kind === 'empty') return values.length === 0
  if (item.kind === 'any') return values.length > 0
  for (const v of values) if (itemMatches(item, v, kind, now)) return true
  return false
}

function itemMatches(
  item: Exclude<DmqlValueItem, { kind: 'empty' | 'any' }>,
  v: Scalar,
  kind: FieldKind | undefined,
  now: Date
): boolean {
  switch (item.kind) {
    case 'string':
      return item.wildcard ? wildcardMatcher(item.value)(v) : sameText(v, item.value)
    case 'number':
      // A Character field holding "02134" must equal the query 02134 but not 2134: compare the text there.
      return kind === 'string' ? sameText(v, item.text) : compareBound(v, item, now) === 0
    case 'date':
      return compareBound(v, item, now) === 0
    case 'range': {
      const lo = item.from ? compareBound(v, item.from, now) : 0
      const hi = item.to ? compareBound(v, item.to, now) : 0
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0
    }
  }
}

/** sign(value - bound), or undefined when the two cannot be compared (letters against a number…). */
function compareBound(v: Scalar, b: DmqlBound, now: Date): number | undefined {
  if (b.kind === 'number') {
    const x = numberOf(v)
    return x === undefined ? undefined : compareNumbers(x, b.value)
  }
  if (b.kind === 'string') return compareText(v, b.value)
  if (b.precision === 'time') return compareTimeOfDay(v, b.text)
  const text = b.relative === 'today' ? todayText(now) : b.relative === 'now' ? now.toISOString() : b.text
  return compareDate(v, text, b.precision)
}

/** Field names used by a query, in order of first use (for Select checks and metadata look-ups). */
export function fieldsIn(ast: DmqlNode): string[] {
  const seen = new Set<string>()
  const walk = (n: DmqlNode): void => {
    if (n.type === 'criterion') seen.add(n.field)
    else if (n.type === 'not') walk(n.item)
    else n.items.forEach(walk)
  }
  walk(ast)
  return [...seen]
}
