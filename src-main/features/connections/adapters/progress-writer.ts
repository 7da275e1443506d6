// Reports a query's progress from the rows themselves, so every protocol's job shows rows and the server's total
// the same way without each client growing its own progress callback.
import type { JobControl } from '../../../platform/jobs/job-manager'
import type { ResultInfo, ResultWriter } from '../../../platform/results/result-types'
import type { ResultColumn } from '../../../../contract/results-channels'

export function withProgress(writer: ResultWriter, job: JobControl): ResultWriter {
  let rows = 0
  let total: number | undefined
  const report = (): void => job.progress(rows, total !== undefined ? { total } : {})
  return {
    setColumns: (columns: ResultColumn[]) => writer.setColumns(columns),
    append(row: string[]) {
      if (job.signal.aborted) throw job.signal.reason ?? new Error('cancelled')
      writer.append(row)
      rows++
      report()
    },
    setInfo(info: Partial<ResultInfo>) {
      if (info.serverCount !== undefined) total = info.serverCount
      writer.setInfo(info)
      report()
    },
    room: () => writer.room?.()
  }
}
