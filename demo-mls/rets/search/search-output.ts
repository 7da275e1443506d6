// Row rendering for the three Search formats. COMPACT / COMPACT-DECODED share the COLUMNS/DATA framing;
// STANDARD-XML uses one element per record (class StandardName) with a child per field (StandardName).
import type { DemoContext } from '../../demo-context'
import type { FieldDef } from '../../data/types'
import { compactLine, xmlEscape } from '../rets-envelope'
import type { RetsRow } from '../rets-resources'
import { formatRetsValue } from '../rets-values'
import type { SearchPlan } from './search-plan'

export interface SearchOutput {
  header(count: number | undefined): string
  row(row: RetsRow): string
  footer(maxRows: boolean): string
}

function cellOf(ctx: DemoContext, plan: SearchPlan, f: FieldDef, row: RetsRow, mode: 'code' | 'decoded'): string {
  if (plan.restricted.has(f.standardName)) return plan.restrictedIndicator ?? ''
  return formatRetsValue(ctx.data, f, row[f.standardName], mode)
}

const countLine = (count: number | undefined): string => (count === undefined ? '' : `<COUNT Records="${count}"/>\r\n`)

export function searchOutput(ctx: DemoContext, plan: SearchPlan): SearchOutput {
  if (plan.format === 'STANDARD-XML') {
    const container = `RE${plan.resource.standardName === 'Property' ? 'Properties' : plan.resource.standardName + 's'}`
    const element = plan.cls.standardName
    return {
      header: (count) => `${countLine(count)}<REData>\r\n<${container}>\r\n`,
      row: (row) =>
        `<${element}>` +
        plan.fields
          .map((f) => {
            const v = cellOf(ctx, plan, f, row, 'decoded')
            return v === '' ? `<${f.standardName}/>` : `<${f.standardName}>${xmlEscape(v)}</${f.standardName}>`
          })
          .join('') +
        `</${element}>\r\n`,
      footer: (maxRows) => `</${container}>\r\n</REData>\r\n${maxRows ? '<MAXROWS/>\r\n' : ''}`
    }
  }
  const mode = plan.format === 'COMPACT-DECODED' ? 'decoded' : 'code'
  const names = plan.fields.map((f) => (plan.standardNames ? f.standardName : f.systemName))
  return {
    header: (count) => `${countLine(count)}<DELIMITER value="09"/>\r\n${compactLine('COLUMNS', names)}`,
    row: (row) =>
      compactLine(
        'DATA',
        plan.fields.map((f) => cellOf(ctx, plan, f, row, mode))
      ),
    footer: (maxRows) => (maxRows ? '<MAXROWS/>\r\n' : '')
  }
}
