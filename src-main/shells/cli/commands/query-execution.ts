// Runs a query spec through query:run, then either writes the rows to a file (results:export: CSV or JSON by the
// extension) or prints them (TSV, or inside the --json output). Shared by `run` (saved queries) and `search`.
import path from 'node:path'
import { runOutputSchema } from '../../../../contract/cli-output'
import type { QuerySpec } from '../../../../contract/query-channels'
import { CLI_EXIT } from '../../../../contract/cli-output'
import type { CliContext } from '../cli-context'

export interface QueryRun {
  profileId: string
  spec: QuerySpec
  out?: string
  query?: { id: string; name: string }
  variables?: string[]
}

const PAGE = 1000

export async function executeQuery(ctx: CliContext, run: QueryRun): Promise<number> {
  const { profileId, spec } = run
  await ctx.call('session:connect', { profileId })
  const { jobId, resultId } = await ctx.call('query:run', { profileId, spec })
  const state = await ctx.waitForJob(jobId)
  const summary = await ctx.call('results:summary', { resultId })
  const columns = summary.columns.map((c) => c.name)
  const base = {
    profileId,
    ...(run.query ? { query: run.query } : {}),
    variables: run.variables ?? [],
    columns,
    total: summary.total,
    ...(summary.serverCount !== undefined ? { serverCount: summary.serverCount } : {}),
    warnings: summary.warnings
  }
  for (const w of summary.warnings) ctx.warn(w)
  const cancelled = state.state === 'cancelled'
  if (cancelled) ctx.note(`Cancelled after ${summary.total} rows.`)
  if (run.out) {
    const target = path.resolve(run.out)
    const format = target.toLowerCase().endsWith('.json') ? 'json' : 'csv'
    const file = await ctx.call('results:export', { resultId, format, path: target })
    ctx.result(
      runOutputSchema,
      { ...base, file },
      () => `${file.rows} rows written to ${file.path} (${file.bytes} bytes).`
    )
    return cancelled ? CLI_EXIT.cancelled : CLI_EXIT.ok
  }
  const rows: string[][] = []
  for (let offset = 0; offset < summary.total; offset += PAGE) {
    const page = await ctx.call('results:page', { resultId, offset, limit: PAGE })
    if (ctx.flags.json) rows.push(...page.rows)
    else {
      if (offset === 0) ctx.line(columns.join('\t'))
      for (const row of page.rows) ctx.line(row.join('\t'))
    }
  }
  if (ctx.flags.json) ctx.result(runOutputSchema, { ...base, rows }, () => [])
  else if (summary.total === 0) ctx.line(columns.join('\t'))
  ctx.note(`${summary.total} rows${summary.serverCount !== undefined ? ` of ${summary.serverCount} matching` : ''}.`)
  return cancelled ? CLI_EXIT.cancelled : CLI_EXIT.ok
}
