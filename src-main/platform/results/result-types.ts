// The result store's contract, shared by the RETS, OData and Spark clients (writers) and by IPC paging and export
// (readers). Rows live in main — the renderer only ever sees pages (ResultPage, in the contract).
import type { ResultColumn } from '../../../contract/results-channels'

/**
 * One row still as bytes: UTF-8 (valid) values separated by `delimiter`, an ASCII byte no value contains, in
 * `bytes[start, end)`. RETS COMPACT rows that need no decoding travel this way so a million-row search does not
 * make fifteen million strings only to encode them again (see bench/README.md, case "compact"). A row (object and
 * bytes) is only valid during the call it is handed to: producers reuse both, so a writer copies what it keeps.
 */
export interface DelimitedRow {
  bytes: Buffer
  start: number
  end: number
  delimiter: number
}

/**
 * Consecutive DelimitedRows of one buffer, row k in `bytes[spans[2k], spans[2k + 1])`, in order and apart (the
 * tags between two rows are at least two bytes). Handed over with the same lifetime rule as DelimitedRow; a search
 * of a million rows makes one of these per chunk instead of a call per row.
 */
export interface DelimitedRows {
  bytes: Buffer
  spans: number[]
  delimiter: number
}

/**
 * What protocol clients write rows into. Writers never finish a result: the job that owns it does (the JobManager,
 * when the job settles, whatever the outcome — so partial rows stay readable and "complete" means the job ended).
 */
export interface ResultWriter {
  setColumns(columns: ResultColumn[]): void
  append(row: string[]): void
  /** optional fast lane; a writer without it gets `append(splitDelimitedRow(row))` */
  appendDelimited?(row: DelimitedRow): void
  /** optional batch of the fast lane; a writer without it gets the rows one by one */
  appendDelimitedRows?(rows: DelimitedRows): void
  /** server-side facts: COUNT, MAXROWS seen, next link… */
  setInfo(info: Partial<ResultInfo>): void
  /** optional: a promise while the writer's disk is behind; a producer that can wait holds its body until it settles */
  room?(): Promise<void> | undefined
}

export interface ResultInfo {
  serverCount?: number
  maxRowsReached?: boolean
  pages: number
  warnings: string[]
}

/** How an export is watched: cancelled through `signal` (the partial file is removed), `progress` after each batch. */
export interface ExportOptions {
  signal?: AbortSignal
  progress?: (rows: number, total: number) => void
}
