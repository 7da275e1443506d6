// Row rendering for the three Search formats. COMPACT / COMPACT-DECODED share the COLUMNS/DATA framing;
// STANDARD-XML uses one element per record (class StandardName) with a child per field (StandardName).
// Each search compiles a row writer once: per column the formatter (lookup tables, precision, restriction) and the
// fixed text around it. A row is written straight into the reply's pending chunk (reply-bytes.ts escapes values as
// it copies them), so large mode serves a million rows without building a string per row.
import type { DemoContext } from '../../demo-context'
import type { FieldDef } from '../../data/types'
import { compactLine } from '../rets-envelope'
import type { ReplyBytes } from '../reply-bytes'
import type { RetsRow } from '../rets-resources'
import { retsValueFormatter, type ValueMode } from '../rets-values'
import type { SearchPlan } from './search-plan'

export interface SearchOutput {
  header(count: number | undefined): string
  row(row: RetsRow, out: ReplyBytes): void
  footer(maxRows: boolean): string
}

/** One column's value as written, formatted for the mode (escaping is the writer's). */
type Cell = (raw: unknown) => string

type RowWriter = (row: RetsRow, cells: Cell[], out: ReplyBytes) => void

function cellOf(ctx: DemoContext, plan: SearchPlan, f: FieldDef, mode: ValueMode): Cell {
  if (plan.restricted.has(f.standardName)) {
    const indicator = plan.restrictedIndicator ?? ''
    return () => indicator
  }
  return retsValueFormatter(ctx.data, f, mode)
}

/**
 * Compiles a row writer: one statement per column, e.g. `out.compactCell(cells[0](row["ListingKey"]))`. Each
 * column's property read and formatter call get a site of their own in the generated code, so the engine
 * specialises each one; a loop over the columns shares one site between all of them and was a fifth slower. Field
 * names and fixed markup come from the catalogue and enter the code as JSON string literals.
 */
function compileRow(before: string, columns: string[], after: string): RowWriter {
  const body = [`out.raw(${JSON.stringify(before)})`, ...columns, `out.raw(${JSON.stringify(after)})`].join('\n')
  return new Function('row', 'cells', 'out', body) as RowWriter
}

const read = (i: number, name: string): string => `cells[${i}](row[${JSON.stringify(name)}])`

const countLine = (count: number | undefined): string => (count === undefined ? '' : `<COUNT Records="${count}"/>\r\n`)

function standardXmlOutput(ctx: DemoContext, plan: SearchPlan): SearchOutput {
  const container = `RE${plan.resource.standardName === 'Property' ? 'Properties' : plan.resource.standardName + 's'}`
  const element = plan.cls.standardName
  const cells = plan.fields.map((f) => cellOf(ctx, plan, f, 'decoded'))
  const write = compileRow(
    `<${element}>`,
    plan.fields.map((f, i) => {
      const tag = (text: string): string => JSON.stringify(text.replace('N', f.standardName))
      return `out.element(${read(i, f.standardName)}, ${tag('<N>')}, ${tag('</N>')}, ${tag('<N/>')})`
    }),
    `</${element}>\r\n`
  )
  return {
    header: (count) => `${countLine(count)}<REData>\r\n<${container}>\r\n`,
    row: (row, out) => write(row, cells, out),
    footer: (maxRows) => `</${container}>\r\n</REData>\r\n${maxRows ? '<MAXROWS/>\r\n' : ''}`
  }
}

export function searchOutput(ctx: DemoContext, plan: SearchPlan): SearchOutput {
  if (plan.format === 'STANDARD-XML') return standardXmlOutput(ctx, plan)
  const mode = plan.format === 'COMPACT-DECODED' ? 'decoded' : 'code'
  const cells = plan.fields.map((f) => cellOf(ctx, plan, f, mode))
  const names = plan.fields.map((f) => (plan.standardNames ? f.standardName : f.systemName))
  // one leading and one trailing delimiter around the values (RETS 1.7.2 §13.2), as compactLine writes them: each
  // value is written with the TAB after it
  const write = compileRow(
    cells.length ? '<DATA>\t' : '<DATA>\t\t',
    plan.fields.map((f, i) => `out.compactCell(${read(i, f.standardName)})`),
    '</DATA>\r\n'
  )
  return {
    header: (count) => `${countLine(count)}<DELIMITER value="09"/>\r\n${compactLine('COLUMNS', names)}`,
    row: (row, out) => write(row, cells, out),
    footer: (maxRows) => (maxRows ? '<MAXROWS/>\r\n' : '')
  }
}
