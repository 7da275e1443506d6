// `mlswb sync plan|run <profile>`: the sync engine for cron. Plan prints the new / updated / deleted / unchanged
// counts and the first keys of each changed bucket (--json: the report's first PLAN_KEYS_LISTED); run syncs into the profile's local store, resuming an interrupted run from its last committed batch. The
// target is a RETS resource and class, a RESO entity set, an IDX SearchType (--resource Agent), or Spark's listings.
import { CLI_EXIT, syncOutputSchema } from '../../../../contract/cli-output'
import type { SyncReport, SyncTarget } from '../../../../contract/sync-channels'
import type { CliCommand } from '../cli-command'
import { need, stringOpt } from '../cli-command'
import { usageError } from '../cli-exit'

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: "plan or run a sync of the feed into the profile's local database (SQLite, or PostgreSQL)",
  usage: ['sync plan|run <profile> [--resource R] [--class C]'],
  examples: [
    'mlswb sync plan demo-rets --resource Property --class A',
    'mlswb sync run demo-idx --resource Agent',
    '0 * * * * mlswb sync run my-mls --json >> sync.log'
  ],
  subcommands: ['plan', 'run'],
  options: {
    resource: {
      type: 'string',
      help: 'RETS resource, RESO entity set or IDX SearchType (default: the profile’s listings)'
    },
    class: { type: 'string', help: 'RETS class' }
  },
  async run(ctx, positionals, v) {
    const [action, id] = positionals
    if (action !== 'plan' && action !== 'run')
      throw usageError(`Unknown "sync ${action ?? ''}".`, 'See: mlswb sync --help')
    const profileId = need(id, 'the profile id')
    const target: SyncTarget = {}
    const resource = stringOpt(v, 'resource')
    const cls = stringOpt(v, 'class')
    if (resource) target.resource = resource
    if (cls) target.class = cls
    const { jobId } = await ctx.call(action === 'plan' ? 'sync:plan' : 'sync:run', { profileId, target })
    const state = await ctx.waitForJob(jobId)
    if (state.state === 'cancelled') {
      ctx.note('Cancelled; the next run resumes from the last committed batch.')
      return CLI_EXIT.cancelled
    }
    const report = await ctx.call('sync:report', { jobId })
    if (!report) throw { code: 'SYNC_NO_REPORT', message: 'The sync ended without a report.' }
    const c = report.counts
    ctx.result(syncOutputSchema, report, () => [
      `${report.target}: ${c.new} new, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged`,
      ...(report.action === 'run'
        ? [
            `run ${report.runId} ${report.status}${report.resumed ? ' (resumed)' : ''} in ${report.durationMs} ms`,
            ...(report.highWaterMark ? [`high-water mark ${report.highWaterMark}`] : [])
          ]
        : plannedKeyLines(report))
    ])
    if (report.action === 'run') for (const w of report.warnings) ctx.warn(w)
    return CLI_EXIT.ok
  }
}

/** keys per bucket in the human output: enough to recognise the records, short enough for a terminal */
const KEYS_PRINTED = 5

function plannedKeyLines(report: Extract<SyncReport, { action: 'plan' }>): string[] {
  return (['new', 'updated', 'deleted'] as const).flatMap((bucket) => {
    const total = report.counts[bucket]
    if (total === 0) return []
    const shown = report.sample[bucket].slice(0, KEYS_PRINTED)
    const more = total > shown.length ? ` … and ${total - shown.length} more` : ''
    return [`  ${bucket}: ${shown.join(', ')}${more}`]
  })
}
