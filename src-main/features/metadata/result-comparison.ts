// Main's side of "compare results across protocols": reads two results from the result store (all their rows,
// bounded), pairs their columns through the RETS → RESO map (or by equal name), compares, and writes the
// comparison as CSV or JSON where the user says (atomically).
import { AppError } from '../../../contract/app-error'
import {
  columnPairs,
  compareResults,
  comparisonCsvLines,
  sameNamePairs,
  type ResultComparison,
  type ResultTable
} from '../../../domain/mapping/result-compare'
import type { ResultRegistry } from '../../platform/results/result-registry'
import { writeFileAtomic } from '../../platform/files/atomic-write'
import { csvField } from '../export/photos/export-manifest'
import type { FieldMapService, MapRequest } from './field-map-service'

/** Rows read per result: a comparison holds both sides in memory. */
export const MAX_COMPARED_ROWS = 500_000

export interface CompareRequest {
  resultA: string
  resultB: string
  keyA: string
  keyB: string
  /** pair the columns through this map (A = RETS, B = RESO); without it columns pair by equal name */
  map?: MapRequest | undefined
  limit?: number | undefined
}

async function readTable(results: ResultRegistry, id: string): Promise<ResultTable> {
  const store = results.get(id)
  if (!store)
    throw new AppError({
      code: 'RESULT_NOT_FOUND',
      message: 'One of the results is gone.',
      hint: 'Run the query again.'
    })
  if (store.total > MAX_COMPARED_ROWS)
    throw new AppError({
      code: 'COMPARE_TOO_LARGE',
      message: `A result of ${store.total} rows is more than ${MAX_COMPARED_ROWS} can be compared at once.`,
      hint: 'Narrow both queries (the same condition on each side) and compare again.'
    })
  const rows: string[][] = []
  for (let offset = 0; offset < store.total; offset += 5000) rows.push(...(await store.page(offset, 5000)).rows)
  return { columns: store.columns.map((c) => c.name), rows }
}

export class ResultComparer {
  constructor(
    private readonly results: ResultRegistry,
    private readonly maps: FieldMapService
  ) {}

  async compare(req: CompareRequest, limit = req.limit): Promise<ResultComparison> {
    const [a, b] = [await readTable(this.results, req.resultA), await readTable(this.results, req.resultB)]
    const pairs = req.map
      ? columnPairs(await this.maps.map(req.map), a.columns, b.columns)
      : sameNamePairs(a.columns, b.columns)
    try {
      return compareResults(a, b, { keyA: req.keyA, keyB: req.keyB, pairs, ...(limit ? { limit } : {}) })
    } catch (err) {
      throw new AppError({
        code: 'COMPARE_BAD_KEY',
        message: (err as Error).message,
        hint: 'Select the key field in both queries.'
      })
    }
  }

  /** The whole comparison (no list cut) as CSV (one line per finding) or JSON. */
  async export(req: CompareRequest, file: string, format: 'csv' | 'json'): Promise<{ path: string; lines: number }> {
    const c = await this.compare(req, Number.MAX_SAFE_INTEGER)
    if (format === 'json') {
      await writeFileAtomic(file, `${JSON.stringify(c, null, 2)}\n`)
      return { path: file, lines: c.onlyA.length + c.onlyB.length + c.differences.length }
    }
    const lines = comparisonCsvLines(c)
    await writeFileAtomic(file, lines.map((l) => `${l.map(csvField).join(',')}\r\n`).join(''))
    return { path: file, lines: lines.length - 1 }
  }
}
