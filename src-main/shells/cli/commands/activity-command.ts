// `mlswb activity send`: listing views from a CSV or JSON file, validated exactly as the composer validates them
// (activity:validate, every problem named by its field), then sent with activity:send; --dry-run stops after the
// check and prints the request that would be made (the API key shown as {apiKey}).
import { readFile } from 'node:fs/promises'
import { activitySendOutputSchema, CLI_EXIT } from '../../../../contract/cli-output'
import { eventCount, eventFromJson, viewsFromCsv } from '../../../features/activity/activity-file'
import type { CliCommand } from '../cli-command'
import { need } from '../cli-command'
import { usageError } from '../cli-exit'

export const activityCommand: CliCommand = {
  name: 'activity',
  summary: 'send listing views (Listing Activity API) from a CSV or JSON file',
  usage: ['activity send <profile> <views.csv|views.json|-> [--dry-run]'],
  examples: [
    'mlswb activity send demo-activity views.csv',
    'mlswb activity send demo-activity views.json --dry-run --json',
    'export-views | mlswb activity send demo-activity - --csv'
  ],
  subcommands: ['send'],
  options: {
    'dry-run': { type: 'boolean', help: 'validate and show the request, send nothing' },
    csv: { type: 'boolean', help: 'stdin (-) is CSV (default: JSON)' }
  },
  async run(ctx, positionals, v) {
    const [sub, id, file] = positionals
    if (sub !== 'send') throw usageError(`Unknown "activity ${sub ?? ''}".`, 'See: mlswb activity --help')
    const profileId = need(id, 'the profile id')
    const source = need(file, 'the views file (CSV or JSON; - for stdin)')
    const text = source === '-' ? await ctx.readStdin() : await readFile(source, 'utf8')
    const isCsv = source === '-' ? v.csv === true : source.toLowerCase().endsWith('.csv')
    let read
    try {
      read = isCsv ? viewsFromCsv(text) : { event: eventFromJson(JSON.parse(text)), issues: [] }
    } catch (err) {
      if (err instanceof SyntaxError) throw usageError(`${source} is not JSON: ${err.message}`)
      throw err
    }
    const { event } = read
    const check = await ctx.call('activity:validate', { event })
    const issues = [...read.issues, ...check.issues]
    const valid = issues.length === 0 && check.valid
    const base = { profileId, events: eventCount(event), valid, issues }
    if (!valid || v['dry-run'] === true) {
      ctx.result(activitySendOutputSchema, base, () =>
        check.valid
          ? [
              `Valid: ${base.events} listing views. Would send ${check.method} ${check.path}`,
              ...(check.body ? [check.body] : [])
            ]
          : [
              `${source}: ${check.issues.length} problem(s), nothing sent:`,
              ...check.issues.map((i) => `  ${i.field}: ${i.message}`)
            ]
      )
      return valid ? CLI_EXIT.ok : CLI_EXIT.usage
    }
    const reply = await ctx.call('activity:send', { profileId, event })
    ctx.result(activitySendOutputSchema, { ...base, reply }, () => [
      `${reply.method} ${reply.url} → ${reply.status}${reply.ok ? '' : ' (refused)'}`,
      ...(reply.serverError ? [`Server said: ${reply.serverError}`] : [])
    ])
    if (reply.ok) return CLI_EXIT.ok
    return reply.status === 401 || reply.status === 403 ? CLI_EXIT.auth : CLI_EXIT.refused
  }
}
