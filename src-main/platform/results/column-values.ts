// Distinct values of one column of a result, read page by page from the store's file, so "export the photos of
// every listing in this result" works on a million rows without the rows crossing IPC or sitting in memory.
import { AppError } from '../../../contract/app-error'
import type { ResultPage, ResultColumn } from '../../../contract/results-channels'

export interface PagedRows {
  readonly columns: ResultColumn[]
  page(offset: number, limit: number): Promise<ResultPage>
}

const PAGE = 5000

export async function distinctColumnValues(rows: PagedRows, column: string, max: number): Promise<string[]> {
  const index = rows.columns.findIndex((c) => c.name === column)
  if (index < 0) {
    throw new AppError({
      code: 'RESULT_NO_COLUMN',
      message: `The result has no column ${column}.`,
      hint: 'Pick the column that holds the listing keys, or include it in Select and run the query again.'
    })
  }
  const seen = new Set<string>()
  for (let offset = 0; ; offset += PAGE) {
    const page = await rows.page(offset, PAGE)
    for (const row of page.rows) {
      const value = row[index]?.trim()
      if (!value || seen.has(value)) continue
      if (seen.size === max) {
        throw new AppError({
          code: 'EXPORT_TOO_MANY_KEYS',
          message: `The column ${column} holds more than ${max.toLocaleString('en-US')} distinct keys.`,
          hint: 'Narrow the query, or export in parts with Limit and Offset.'
        })
      }
      seen.add(value)
    }
    if (offset + PAGE >= page.total) break
  }
  return [...seen]
}
