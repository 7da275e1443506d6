// `sync plan|run <profile>`: the sync engine for cron. Plan prints the new / updated / deleted / unchanged counts;
// run syncs into the profile's local store (resuming an interrupted run). `--json` prints the report as one JSON
// object for scripts. Exit codes: 0 done, 1 failed (the error is printed), 2 usage, 3 cancelled (the next run
// resumes from the last committed batch).
import type { ArgsOf, RequestChannel, ResultOf } from '../../../contract/ipc-contract'
import type { SyncTarget } from '../../../contract/sync-channels'
import type { Workbench } from '../../app/workbench'

type Call = <C extends RequestChannel>(channel: C, args: ArgsOf<C>) => Promise<ResultOf<C>>

export const SYNC_USAGE = `  sync plan|run <profile> [--resource R] [--class C] [--json]
                                         plan or run a sync into the profile's local database`

export interface SyncCommandOptions {
  resource?: string | undefined
  class?: string | undefined
  json?: boolean | undefined
}

export async function syncCommand(
  workbench: Workbench,
  call: Call,
  positionals: readonly string[],
  options: SyncCommandOptions
): Promise<number> {
  const [action, profileId] = positionals
  if ((action !== 'plan' && action !== 'run') || !profileId) {
    console.error(`Usage:\n${SYNC_USAGE}`)
    return 2
  }
  const target: SyncTarget = {}
  if (options.resource) target.resource = options.resource
  if (options.class) target.class = options.class
  const { jobId } = await call(action === 'plan' ? 'sync:plan' : 'sync:run', { profileId, target })
  await workbench.jobs.settled(jobId)
  const job = workbench.jobs.list().find((j) => j.jobId === jobId)
  if (job?.state === 'cancelled') {
    console.error('Cancelled; the next run resumes from the last committed batch.')
    return 3
  }
  if (job?.state === 'failed' && job.error) throw job.error
  const report = await call('sync:report', { jobId })
  if (!report) throw { code: 'SYNC_NO_REPORT', message: 'The sync ended without a report.' }
  if (options.json) {
    console.log(JSON.stringify(report))
    return 0
  }
  const c = report.counts
  console.log(`${report.target}: ${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged`)
  if (report.action === 'run') {
    console.log(`run ${report.runId} ${report.status}${report.resumed ? ' (resumed)' : ''} in ${report.durationMs} ms`)
    if (report.highWaterMark) console.log(`high-water mark ${report.highWaterMark}`)
    for (const w of report.warnings) console.error(`Warning: ${w}`)
  }
  return 0
}
