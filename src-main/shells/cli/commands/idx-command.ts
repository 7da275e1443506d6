// `mlswb idx sync`: the IDX sync inspector without a window — plan compares the server's master list with the local
// snapshot; apply also fetches the new and updated records and writes the snapshot. A thin wrapper of idx:sync.
import { CLI_EXIT, idxSyncOutputSchema } from '../../../../contract/cli-output'
import { idxSearchTypeSchema } from '../../../../contract/idx-channels'
import type { CliCommand } from '../cli-command'
import { intOpt, need, stringOpt } from '../cli-command'
import { usageError } from '../cli-exit'

export const idxCommand: CliCommand = {
  name: 'idx',
  summary: 'IDX sync: plan (compare with the local snapshot) or apply (fetch changes, write the snapshot)',
  usage: ['idx sync <profile> [--plan | --apply] [--type Property|Agent|Office] [--batch N]'],
  examples: ['mlswb idx sync demo-idx --plan', 'mlswb idx sync demo-idx --apply --json > sync.json'],
  subcommands: ['sync'],
  options: {
    plan: { type: 'boolean', help: 'only compare (the default)' },
    apply: { type: 'boolean', help: 'fetch new/updated records and write the snapshot' },
    type: { type: 'string', help: 'Property (default), Agent or Office' },
    batch: { type: 'string', help: 'ids per request (1–100)' }
  },
  async run(ctx, positionals, v) {
    const [sub, id] = positionals
    if (sub !== 'sync') throw usageError(`Unknown "idx ${sub ?? ''}".`, 'See: mlswb idx --help')
    const profileId = need(id, 'the profile id')
    if (v.plan === true && v.apply === true) throw usageError('Give --plan or --apply, not both.')
    const type = idxSearchTypeSchema.safeParse(stringOpt(v, 'type') ?? 'Property')
    if (!type.success) throw usageError('--type is Property, Agent or Office.')
    const batchSize = intOpt(v, 'batch')
    const action = v.apply === true ? 'apply' : 'plan'
    await ctx.call('session:connect', { profileId })
    const { jobId } = await ctx.call('idx:sync', {
      profileId,
      searchType: type.data,
      action,
      ...(batchSize ? { batchSize } : {})
    })
    const state = await ctx.waitForJob(jobId)
    if (state.state === 'cancelled') {
      ctx.note('Cancelled; the snapshot was not changed.')
      return CLI_EXIT.cancelled
    }
    const report = await ctx.call('idx:syncReport', { jobId })
    if (!report) throw { code: 'INTERNAL', message: 'The sync ended without a report.' }
    const p = report.plan
    ctx.result(idxSyncOutputSchema, report, () => [
      `${report.action === 'plan' ? 'Plan' : 'Applied'} ${report.searchType}: master list ${report.masterCount}, snapshot ${report.snapshotCount}`,
      `  new ${p.new.count}, updated ${p.updated.count}, deleted ${p.deleted.count}, unchanged ${p.unchanged.count}`,
      ...(report.fetched !== undefined
        ? [`  fetched ${report.fetched}, snapshot now ${report.snapshotCountAfter ?? '?'}`]
        : []),
      ...(report.missing?.length ? [`  not returned by the server: ${report.missing.length}`] : []),
      `  snapshot: ${report.snapshotFile}`
    ])
    for (const w of report.warnings) ctx.warn(w)
    return CLI_EXIT.ok
  }
}
