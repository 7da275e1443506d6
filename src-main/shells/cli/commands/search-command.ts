// `mlswb connect|metadata|search|export`: the ad-hoc commands — log in, browse the metadata, run a query typed on
// the command line (DMQL2, OData $filter or SparkQL by the profile's kind), or write all its rows to a file.
import { connectOutputSchema, metadataOutputSchema } from '../../../../contract/cli-output'
import { KINDS, queryLanguageOf } from '../../../../contract/kinds'
import { retsFormatSchema, type QuerySpec } from '../../../../contract/query-channels'
import type { CliCommand, OptionValues } from '../cli-command'
import { csvOpt, intOpt, need, stringOpt } from '../cli-command'
import type { CliContext } from '../cli-context'
import { usageError } from '../cli-exit'
import { executeQuery } from './query-execution'
import { missingVariablesError, parseVars } from './variable-options'
import { substituteText } from '../../../../domain/variables/template-variables'

export const QUERY_OPTIONS = {
  resource: { type: 'string', help: 'RETS resource / RESO entity set (default Property)' },
  class: { type: 'string', help: 'RETS class' },
  query: { type: 'string', help: 'DMQL2 query, OData $filter or SparkQL filter' },
  format: { type: 'string', help: 'RETS format: COMPACT, COMPACT-DECODED (default), STANDARD-XML' },
  select: { type: 'string', help: 'fields, comma-separated' },
  limit: { type: 'string', help: 'at most this many rows' },
  all: { type: 'boolean', help: 'follow every page' },
  out: { type: 'string', short: 'o', help: 'write rows to file.csv or file.json' },
  var: { type: 'string', multiple: true, help: 'name=value for a {{name}} in the query ({{$today-1d}} needs none)' }
} as const

export async function specFor(
  ctx: CliContext,
  profileId: string,
  v: OptionValues,
  fetchAll: boolean
): Promise<QuerySpec> {
  const info = await ctx.call('session:connect', { profileId })
  const language = queryLanguageOf(info.kind)
  const typed = substituteText(stringOpt(v, 'query') ?? '', parseVars(v))
  if (typed.missing.length) throw missingVariablesError('The query', typed.missing, profileId)
  const query = typed.value
  const select = csvOpt(v, 'select')
  const limit = intOpt(v, 'limit')
  const resource = stringOpt(v, 'resource')
  if (language === undefined) throw usageError(`A ${KINDS[info.kind].label} profile has nothing to query.`)
  if (language === 'dmql') {
    const cls = stringOpt(v, 'class')
    if (!resource || !cls) throw usageError(`A ${KINDS[info.kind].label} search needs --resource and --class.`)
    const format = retsFormatSchema.safeParse(stringOpt(v, 'format') ?? 'COMPACT-DECODED')
    if (!format.success) throw usageError(`--format is one of ${retsFormatSchema.options.join(', ')}.`)
    return {
      kind: 'dmql',
      resource,
      class: cls,
      query,
      format: format.data,
      count: 1,
      standardNames: false,
      fetchAll,
      ...(select ? { select } : {}),
      ...(limit ? { limit } : {})
    }
  }
  if (language === 'odata') {
    return {
      kind: 'odata',
      resource: resource ?? 'Property',
      count: true,
      fetchAll,
      ...(query ? { filter: query } : {}),
      ...(select ? { select } : {}),
      ...(limit ? { top: limit } : {})
    }
  }
  return {
    kind: 'spark',
    fetchAll,
    ...(query ? { filter: query } : {}),
    ...(select ? { select } : {}),
    ...(limit ? { maxRows: limit } : {})
  }
}

const profileArg = (p: string[]): string => need(p[0], 'the profile id', 'See: mlswb profiles list')

export const connectCommand: CliCommand = {
  name: 'connect',
  summary: "log in and print the server's facts",
  usage: ['connect <profile>'],
  examples: ['mlswb connect demo-rets', 'mlswb connect my-mls --json'],
  options: {},
  async run(ctx, positionals) {
    const info = await ctx.call('session:connect', { profileId: profileArg(positionals) })
    ctx.result(connectOutputSchema, info, () =>
      Object.entries(info).map(([k, v]) => `${k.padEnd(18)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    )
    return 0
  }
}

export const metadataCommand: CliCommand = {
  name: 'metadata',
  summary: "the metadata tree, a class's fields, or a lookup's values (JSON)",
  usage: ['metadata <profile> [--resource R --class C] [--resource R --lookup L]'],
  examples: ['mlswb metadata demo-rets --resource Property --class A'],
  options: {
    resource: QUERY_OPTIONS.resource,
    class: QUERY_OPTIONS.class,
    lookup: { type: 'string', help: 'lookup name (with --resource)' }
  },
  async run(ctx, positionals, v) {
    const profileId = profileArg(positionals)
    await ctx.call('session:connect', { profileId })
    const resource = stringOpt(v, 'resource')
    const lookup = stringOpt(v, 'lookup')
    const cls = stringOpt(v, 'class')
    const value =
      resource && lookup
        ? await ctx.call('metadata:lookup', { profileId, resource, lookup })
        : resource && cls
          ? await ctx.call('metadata:fields', { profileId, resource, class: cls })
          : await ctx.call('metadata:summary', { profileId })
    // JSON either way: the tree is not something a table shows well
    ctx.result(metadataOutputSchema, value, () => JSON.stringify(value, null, 2))
    return 0
  }
}

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'run a query typed on the command line and print the rows (TSV)',
  usage: ['search <profile> --query Q [--resource R --class C] [--format F] [--select a,b] [--limit N] [--all]'],
  examples: [
    "mlswb search demo-rets --resource Property --class A --query '(LIST_15=|OV61GOJ13C0)' --limit 5",
    'mlswb search demo-reso --query "StandardStatus eq \'Active\'" --select ListingKey,ListPrice --json'
  ],
  options: QUERY_OPTIONS,
  async run(ctx, positionals, v) {
    const profileId = profileArg(positionals)
    const spec = await specFor(ctx, profileId, v, v.all === true)
    const out = stringOpt(v, 'out')
    return executeQuery(ctx, { profileId, spec, ...(out ? { out } : {}) })
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'run a query and write every row to a CSV or JSON file',
  usage: ['export <profile> --query Q ... --out file.csv|file.json'],
  examples: ['mlswb export demo-reso --query "StandardStatus eq \'Active\'" --out active.csv'],
  options: QUERY_OPTIONS,
  async run(ctx, positionals, v) {
    const profileId = profileArg(positionals)
    const out = need(stringOpt(v, 'out'), '--out file.csv|file.json')
    const spec = await specFor(ctx, profileId, v, true)
    return executeQuery(ctx, { profileId, spec, out })
  }
}
