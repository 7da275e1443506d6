// A ResultWriter that keeps everything in arrays, for client tests that assert on rows and info.
import type { ResultInfo, ResultWriter } from '../../src-main/platform/results/result-types'
import type { ResultColumn } from '../../contract/results-channels'

export class CollectingResultWriter implements ResultWriter {
  columns: ResultColumn[] = []
  rows: string[][] = []
  info: Partial<ResultInfo> = {}

  setColumns(columns: ResultColumn[]): void {
    this.columns = columns
  }

  append(row: string[]): void {
    this.rows.push(row)
  }

  setInfo(info: Partial<ResultInfo>): void {
    this.info = { ...this.info, ...info }
  }

  column(name: string): string[] {
    const i = this.columns.findIndex((c) => c.name === name)
    if (i < 0) throw new Error(`no column ${name}`)
    return this.rows.map((r) => r[i]!)
  }
}
