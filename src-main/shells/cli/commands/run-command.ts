// `mlswb run <saved query>`: a query from the library, by id or name, with its own parameters; `{{variables}}` are
// filled from the profile's environment file (the active environment, or --env), then --var name=value, and the
// dynamic dates ({{$today-1d}}). A placeholder left without a value stops the run (exit 2) before anything is sent.
import path from 'node:path'
import { savedQueriesOutputSchema } from '../../../../contract/cli-output'
import type { QuerySpec } from '../../../../contract/query-channels'
import type { SavedQuery } from '../../../../contract/library-channels'
import { substituteDeep } from '../../../../domain/variables/template-variables'
import { environmentValues, readEnvironments } from '../../../features/connections/profile-environments'
import type { CliCommand } from '../cli-command'
import { intOpt, need, stringOpt } from '../cli-command'
import type { CliContext } from '../cli-context'
import { usageError } from '../cli-exit'
import { executeQuery } from './query-execution'
import { missingVariablesError, parseVars } from './variable-options'

async function findQuery(ctx: CliContext, ref: string): Promise<SavedQuery> {
  const { queries } = await ctx.call('library:list', {})
  const byId = queries.find((q) => q.id === ref)
  if (byId) return byId
  const byName = queries.filter((q) => q.name.toLowerCase() === ref.toLowerCase())
  if (byName.length === 1) return byName[0]!
  if (byName.length > 1) {
    throw usageError(
      `Several saved queries are called "${ref}".`,
      `Give one of the ids: ${byName.map((q) => q.id).join(', ')}`
    )
  }
  throw { code: 'LIBRARY_NOT_FOUND', message: `There is no saved query "${ref}".`, hint: 'See: mlswb run --list' }
}

function withLimit(spec: QuerySpec, limit: number | undefined, all: boolean): QuerySpec {
  const s: QuerySpec = { ...spec, ...(all ? { fetchAll: true } : {}) }
  if (limit === undefined) return s
  if (s.kind === 'dmql') return { ...s, limit }
  if (s.kind === 'odata') return { ...s, top: limit }
  return { ...s, maxRows: limit }
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run a saved query (by id or name) with variables from an environment and --var',
  usage: [
    'run <saved query> [--profile P] [--env NAME] [--var name=value]... [--limit N] [--all] [--out file]',
    'run --list'
  ],
  examples: [
    'mlswb run "New listings" --profile demo-reso --var city=Springfield',
    'mlswb run new-listings --env staging --out new.csv        # uses {{$today-1d}} etc.',
    'mlswb run --list --json'
  ],
  options: {
    profile: { type: 'string', short: 'p', help: 'profile to run on (default: the one the query was saved for)' },
    env: {
      type: 'string',
      short: 'e',
      help: "environment of the profile's environment file (default: its active one)"
    },
    var: {
      type: 'string',
      multiple: true,
      help: 'name=value for a {{name}} placeholder (repeatable; wins over --env)'
    },
    limit: { type: 'string', help: 'at most this many rows' },
    all: { type: 'boolean', help: 'follow every page' },
    out: { type: 'string', short: 'o', help: 'write rows to file.csv or file.json' },
    list: { type: 'boolean', help: 'list the saved queries' }
  },
  async run(ctx, positionals, v) {
    if (v.list === true) {
      const { queries } = await ctx.call('library:list', {})
      ctx.result(savedQueriesOutputSchema, queries, () =>
        queries.map((q) => `${q.id.padEnd(32)} ${q.spec.kind.padEnd(6)} ${q.folder ? `${q.folder}/` : ''}${q.name}`)
      )
      return 0
    }
    const saved = await findQuery(ctx, need(positionals[0], 'the saved query (id or name)', 'See: mlswb run --list'))
    const profileId = need(
      stringOpt(v, 'profile') ?? saved.profileId,
      '--profile',
      `"${saved.name}" is kept for any ${saved.spec.kind} profile`
    )
    const wb = await ctx.workbench()
    const envFile = await readEnvironments(path.join(wb.info().userDataDir, 'profiles'), profileId)
    const envName = stringOpt(v, 'env')
    const values = { ...environmentValues(envFile, envName), ...parseVars(v) }
    const filled = substituteDeep(saved.spec, values)
    if (filled.missing.length) throw missingVariablesError(`"${saved.name}"`, filled.missing, profileId)
    const out = stringOpt(v, 'out')
    return executeQuery(ctx, {
      profileId,
      spec: withLimit(filled.value, intOpt(v, 'limit'), v.all === true),
      query: { id: saved.id, name: saved.name },
      variables: filled.used,
      ...(out ? { out } : {})
    })
  }
}
