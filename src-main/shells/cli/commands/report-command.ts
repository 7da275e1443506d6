// `mlswb report`: the metadata report as a file — XLSX, the model as JSON, a single-file HTML data dictionary,
// Markdown, or a CSV of every field — through the same job as the app's metadata Export (every class and lookup
// loaded first, with progress on a terminal).
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { CLI_EXIT, reportOutputSchema } from '../../../../contract/cli-output'
import { METADATA_REPORT_FORMATS, metadataReportFormatSchema } from '../../../../contract/metadata-channels'
import type { CliCommand } from '../cli-command'
import { need, stringOpt } from '../cli-command'
import { usageError } from '../cli-exit'

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'write the metadata report (xlsx, json, html, md, csv)',
  usage: ['report <profile> --out file.(xlsx|json|html|md|csv) [--format F]'],
  examples: [
    'mlswb report demo-rets --out dictionary.html',
    'mlswb report my-mls --format md --out metadata.md',
    '0 6 * * * cd ~/mlswb && npx mlswb report my-mls --out ~/reports/$(date +\\%F).xlsx --quiet'
  ],
  options: {
    out: { type: 'string', short: 'o', help: 'the file to write (its extension picks the format)' },
    format: { type: 'string', help: METADATA_REPORT_FORMATS.join(' | ') }
  },
  async run(ctx, positionals, v) {
    const profileId = need(positionals[0], 'the profile id')
    const out = path.resolve(need(stringOpt(v, 'out'), '--out file', 'e.g. --out dictionary.html'))
    const ext = path.extname(out).slice(1).toLowerCase()
    const format = metadataReportFormatSchema.safeParse(stringOpt(v, 'format') ?? ext)
    if (!format.success) throw usageError(`The report format is one of ${METADATA_REPORT_FORMATS.join(', ')}.`)
    if (ext !== format.data) throw usageError(`--out must end in .${format.data} for the ${format.data} format.`)
    await ctx.call('session:connect', { profileId })
    const { jobId } = await ctx.call('metadata:report', { profileId, format: format.data, path: out })
    const state = await ctx.waitForJob(jobId)
    if (state.state === 'cancelled') {
      ctx.note('Cancelled; no report was written.')
      return CLI_EXIT.cancelled
    }
    const bytes = (await stat(out)).size
    ctx.result(
      reportOutputSchema,
      { profileId, format: format.data, path: out, bytes },
      () => state.message ?? `Wrote ${out}.`
    )
    return CLI_EXIT.ok
  }
}
