// Row rendering for the three Search formats. COMPACT / COMPACT-DECODED share the COLUMNS/DATA framing;
// STANDARD-XML uses one element per record (class StandardName) with a child per field (StandardName).
// Each search compiles a row template once: per column the formatter (lookup tables, precision, restriction) and
// the fixed text around it, so a row is a run of string appends — large mode serves a million rows with it.
import type { DemoContext } from '../../demo-context'
import type { FieldDef } from '../../data/types'
import { compactCell, compactLine, xmlEscape } from '../rets-envelope'
import type { RetsRow } from '../rets-resources'
import { retsValueFormatter, type ValueMode } from '../rets-values'
import type { SearchPlan } from './search-plan'

export interface SearchOutput {
  header(count: number | undefined): string
  row(row: RetsRow): string
  footer(maxRows: boolean): string
}

/** One column's value as written: formatted for the mode, escaped where the field can need it. */
type Cell = (raw: unknown) => string

/** Whether a field's values can hold characters COMPACT or XML must escape (free text can; numbers, dates and the
 * catalogue's own lookup values cannot), so the common cell skips the check. */
function mayNeedEscaping(ctx: DemoContext, f: FieldDef): boolean {
  if (f.type !== 'Character') return false
  const lookup = f.lookup ? ctx.data.lookup(f.lookup) : undefined
  if (!lookup) return true
  return lookup.values.some((v) => /[&<>"\t\r\n]/.test(v.value + v.longValue + v.standardValue))
}

function cellOf(
  ctx: DemoContext,
  plan: SearchPlan,
  f: FieldDef,
  mode: ValueMode,
  escape: (value: string) => string
): Cell {
  if (plan.restricted.has(f.standardName)) {
    const indicator = escape(plan.restrictedIndicator ?? '')
    return () => indicator
  }
  const format = retsValueFormatter(ctx.data, f, mode)
  return mayNeedEscaping(ctx, f) ? (raw) => escape(format(raw)) : format
}

/**
 * The COMPACT row template, compiled once per search: `(row, cells) => '<DATA>\t' + cells[0](row["ListingKey"]) +
 * '\t' + … + '\t</DATA>\r\n'`. Each column's property read and formatter call get a site of their own in the
 * generated code, so the engine specialises each one; a loop over the columns shares one site between all of them
 * and was a fifth slower. Field names come from the catalogue and enter the code as JSON string literals.
 */
function compileCompactRow(names: string[]): (row: RetsRow, cells: Cell[]) => string {
  const columns = names.map((name, i) => `cells[${i}](row[${JSON.stringify(name)}])`).join(" + '\\t' + ")
  const body = `return '<DATA>\\t' + ${columns || "''"} + '\\t</DATA>\\r\\n'`
  return new Function('row', 'cells', body) as (row: RetsRow, cells: Cell[]) => string
}

const countLine = (count: number | undefined): string => (count === undefined ? '' : `<COUNT Records="${count}"/>\r\n`)

function standardXmlOutput(ctx: DemoContext, plan: SearchPlan): SearchOutput {
  const container = `RE${plan.resource.standardName === 'Property' ? 'Properties' : plan.resource.standardName + 's'}`
  const element = plan.cls.standardName
  const columns = plan.fields.map((f) => ({
    name: f.standardName,
    cell: cellOf(ctx, plan, f, 'decoded', xmlEscape),
    open: `<${f.standardName}>`,
    close: `</${f.standardName}>`,
    empty: `<${f.standardName}/>`
  }))
  const rowOpen = `<${element}>`
  const rowClose = `</${element}>\r\n`
  return {
    header: (count) => `${countLine(count)}<REData>\r\n<${container}>\r\n`,
    row: (row) => {
      let out = rowOpen
      for (const c of columns) {
        const v = c.cell(row[c.name])
        out += v === '' ? c.empty : c.open + v + c.close
      }
      return out + rowClose
    },
    footer: (maxRows) => `</${container}>\r\n</REData>\r\n${maxRows ? '<MAXROWS/>\r\n' : ''}`
  }
}

export function searchOutput(ctx: DemoContext, plan: SearchPlan): SearchOutput {
  if (plan.format === 'STANDARD-XML') return standardXmlOutput(ctx, plan)
  const mode = plan.format === 'COMPACT-DECODED' ? 'decoded' : 'code'
  const cells = plan.fields.map((f) => cellOf(ctx, plan, f, mode, compactCell))
  const names = plan.fields.map((f) => (plan.standardNames ? f.standardName : f.systemName))
  const template = compileCompactRow(plan.fields.map((f) => f.standardName))
  return {
    header: (count) => `${countLine(count)}<DELIMITER value="09"/>\r\n${compactLine('COLUMNS', names)}`,
    // one leading and one trailing delimiter around the values (RETS 1.7.2 §13.2), as compactLine writes them
    row: (row) => template(row, cells),
    footer: (maxRows) => (maxRows ? '<MAXROWS/>\r\n' : '')
  }
}
