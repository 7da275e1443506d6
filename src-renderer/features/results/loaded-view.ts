// Sort and quick filter over the rows already loaded in the renderer (never the whole result, which lives in main);
// the grid says so in its header. Cell text helpers for copy (TSV) and masked values live here too.

export interface LoadedRow {
  index: number
  row: string[]
}

export interface ViewOptions {
  filter: string
  /** per column (absolute index): the cell must contain this text */
  columnFilters?: Readonly<Record<number, string>>
  sortColumn: number | null
  sortDir: 'asc' | 'desc'
}

const numeric = /^-?\d+(\.\d+)?$/

export function compareCells(a: string, b: string): number {
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b)
  return a.localeCompare(b, undefined, { sensitivity: 'base' })
}

/** Absolute row indices to show, in display order. */
export function loadedView(rows: LoadedRow[], opts: ViewOptions): number[] {
  const needle = opts.filter.trim().toLowerCase()
  const perColumn = Object.entries(opts.columnFilters ?? {})
    .map(([col, text]) => [Number(col), text.trim().toLowerCase()] as const)
    .filter(([, text]) => text !== '')
  let picked =
    needle || perColumn.length
      ? rows.filter(
          (r) =>
            (!needle || r.row.some((c) => c.toLowerCase().includes(needle))) &&
            perColumn.every(([col, text]) => (r.row[col] ?? '').toLowerCase().includes(text))
        )
      : rows.slice()
  if (opts.sortColumn !== null) {
    const col = opts.sortColumn
    const sign = opts.sortDir === 'asc' ? 1 : -1
    picked = picked.sort((x, y) => sign * compareCells(x.row[col] ?? '', y.row[col] ?? '') || x.index - y.index)
  }
  return picked.map((r) => r.index)
}

/** Spark masks fields the API key may not see as eight asterisks (Spark API documentation). */
export const MASKED = '********'
export function isMasked(value: string | undefined): boolean {
  return value === MASKED
}

/** One TSV line: tabs and line breaks inside a value become spaces so the row pastes into one spreadsheet row. */
export function toTsv(cells: readonly string[]): string {
  return cells.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')
}
