// A result as an .xlsx workbook, read from the result store page by page. Excel holds 1,048,576 rows per sheet:
// longer results continue on a second sheet ("Results 2"), each with its header.
import type { PagedRows } from '../../../platform/results/column-values'
import type { ExportOptions } from '../../../platform/results/result-types'
import { EXCEL_MAX_ROWS, writeWorkbook, type SheetSource, type WorkbookOptions } from './xlsx-workbook'

const PAGE = 5000

export interface XlsxOptions extends WorkbookOptions, Pick<ExportOptions, 'progress'> {
  /** data rows per sheet (below the header); Excel's limit unless a test wants small sheets */
  rowsPerSheet?: number
}

/** Writes `rows` to `target` atomically; returns the number of data rows. */
export async function exportXlsx(rows: PagedRows, target: string, options: XlsxOptions = {}): Promise<number> {
  const perSheet = Math.min(options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1, EXCEL_MAX_ROWS - 1)
  const columns = rows.columns.map((c) => c.name)
  const total = (await rows.page(0, 0)).total
  const sheets: SheetSource[] = []
  for (let from = 0, n = 1; from < total || n === 1; from += perSheet, n++) {
    const to = Math.min(total, from + perSheet)
    sheets.push({
      name: n === 1 ? 'Results' : `Results ${n}`,
      columns,
      async *rows() {
        for (let at = from; at < to; at += PAGE) {
          yield (await rows.page(at, Math.min(PAGE, to - at))).rows
          options.progress?.(Math.min(to, at + PAGE), total)
        }
      }
    })
  }
  await writeWorkbook(target, sheets, options)
  return total
}
