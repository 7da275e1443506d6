// `mlswb env`: a profile's environments — named sets of {{variable}} values kept in `profiles/<id>.env.json` beside
// the profile (plain JSON for git; secret-looking names are refused by the schema).
import path from 'node:path'
import { envOutputSchema } from '../../../../contract/cli-output'
import type { EnvironmentFile } from '../../../../contract/environment-schema'
import {
  environmentFilePath,
  readEnvironments,
  writeEnvironments
} from '../../../features/connections/profile-environments'
import type { CliCommand } from '../cli-command'
import { need } from '../cli-command'
import type { CliContext } from '../cli-context'
import { usageError } from '../cli-exit'

function show(ctx: CliContext, profileId: string, file: string, env: EnvironmentFile): void {
  ctx.result(envOutputSchema, { profileId, file, ...env }, () => {
    const names = Object.keys(env.environments)
    if (!names.length) return `${profileId} has no environments yet (${file}).`
    return names.flatMap((n) => [
      `${n}${n === env.active ? ' (active)' : ''}`,
      ...Object.entries(env.environments[n] ?? {}).map(([k, v]) => `  ${k} = ${v}`)
    ])
  })
}

export const envCommand: CliCommand = {
  name: 'env',
  summary: "a profile's environments: {{variable}} values for its saved queries",
  usage: [
    'env list <profile>',
    'env set <profile> <environment> name=value...',
    'env unset <profile> <environment> name...',
    'env use <profile> <environment>'
  ],
  examples: [
    'mlswb env set demo-reso staging city=Springfield minPrice=250000',
    'mlswb env use demo-reso staging',
    'mlswb env list demo-reso --json'
  ],
  subcommands: ['list', 'set', 'unset', 'use'],
  options: {},
  async run(ctx, positionals) {
    const [sub = 'list', id, envName, ...pairs] = positionals
    const profileId = need(id, 'the profile id')
    await ctx.call('profiles:get', { profileId }) // the profile must exist
    const dir = path.join((await ctx.workbench()).info().userDataDir, 'profiles')
    const file = environmentFilePath(dir, profileId)
    const env = await readEnvironments(dir, profileId)
    if (sub === 'list') {
      show(ctx, profileId, file, env)
      return 0
    }
    const name = need(envName, 'the environment name')
    const vars = { ...(env.environments[name] ?? {}) }
    if (sub === 'set') {
      if (!pairs.length) throw usageError('Give name=value pairs to set.')
      for (const pair of pairs) {
        const eq = pair.indexOf('=')
        if (eq <= 0) throw usageError(`Give name=value, not "${pair}".`)
        vars[pair.slice(0, eq)] = pair.slice(eq + 1)
      }
    } else if (sub === 'unset') {
      for (const n of pairs) delete vars[n]
    } else if (sub !== 'use') {
      throw usageError(`Unknown "env ${sub}".`, 'See: mlswb env --help')
    }
    const next: EnvironmentFile = {
      ...env,
      ...(sub === 'use' || env.active === undefined ? { active: name } : {}),
      environments: { ...env.environments, [name]: vars }
    }
    await writeEnvironments(dir, profileId, next)
    show(ctx, profileId, file, next)
    return 0
  }
}
