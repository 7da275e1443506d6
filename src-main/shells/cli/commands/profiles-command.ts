// `mlswb profiles list|add|edit|show|rm|import|export`: connection profiles without hand-written JSON. Profiles go
// through the same handler table (and profile schema) as the app's editor; import/export use the profile store's
// own file functions, which refuse a file that carries a secret.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  profileOutputSchema,
  profilesExportOutputSchema,
  profilesImportOutputSchema,
  profilesListOutputSchema,
  profilesRemoveOutputSchema
} from '../../../../contract/cli-output'
import type { ConnectionProfile } from '../../../../contract/profile-schema'
import { profileKindSchema } from '../../../../contract/kinds'
import type { CliCommand } from '../cli-command'
import { need, stringOpt } from '../cli-command'
import type { CliContext } from '../cli-context'
import { usageError } from '../cli-exit'
import { applyProfileFlags, PROFILE_FLAG_OPTIONS } from './profile-flags'

async function readJsonFile(file: string): Promise<Record<string, unknown>> {
  const json: unknown = JSON.parse(await readFile(file, 'utf8'))
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw usageError(`${file} is not a JSON object.`)
  }
  return json as Record<string, unknown>
}

async function add(ctx: CliContext, values: Record<string, unknown>): Promise<number> {
  const from = stringOpt(values as never, 'from')
  const base = from ? await readJsonFile(from) : {}
  const draft = applyProfileFlags(base, values as never)
  delete draft.id
  const kind = profileKindSchema.safeParse(draft.kind)
  if (!kind.success) throw usageError('Give the profile kind: --kind rets|reso|spark|idx|activity.')
  const saved = await ctx.call('profiles:save', { profile: { ...draft, kind: kind.data } })
  ctx.result(profileOutputSchema, saved, () => `Added profile "${saved.id}" (${saved.name}).`)
  ctx.note(`Next: printf %s "$PASSWORD" | mlswb secrets set ${saved.id} password`)
  return 0
}

async function edit(ctx: CliContext, id: string, values: Record<string, unknown>): Promise<number> {
  const existing = (await ctx.call('profiles:get', { profileId: id })) as unknown as Record<string, unknown>
  const from = stringOpt(values as never, 'from')
  const merged = applyProfileFlags(from ? { ...existing, ...(await readJsonFile(from)) } : existing, values as never)
  for (const key of ['id', 'createdAt', 'updatedAt']) delete merged[key]
  const saved = await ctx.call('profiles:save', {
    profileId: id,
    profile: merged as { kind: ConnectionProfile['kind'] }
  })
  ctx.result(profileOutputSchema, saved, () => `Saved profile "${saved.id}".`)
  return 0
}

export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'list, add, edit, show, remove, import and export connection profiles',
  usage: [
    'profiles [list]',
    'profiles add --kind K --name N [field flags] [--from file.json]',
    'profiles edit <profile> [field flags] [--from file.json]',
    'profiles show <profile>',
    'profiles rm <profile>',
    'profiles import <file.json>',
    'profiles export <profile> [--out file.json]'
  ],
  examples: [
    'mlswb profiles add --kind rets --name "My MLS" --login-url https://rets.example.com/Login --user me',
    'mlswb profiles edit my-mls --rets-version 1.8 --page-size 500',
    'mlswb profiles export my-mls --out my-mls.json',
    'mlswb profiles list --json'
  ],
  subcommands: ['list', 'add', 'edit', 'show', 'rm', 'import', 'export'],
  options: {
    ...PROFILE_FLAG_OPTIONS,
    out: { type: 'string', short: 'o', help: 'export: write to this file instead of stdout' }
  },
  async run(ctx, positionals, values) {
    const [sub = 'list', id] = positionals
    const profileId = (): string => need(id, 'the profile id', 'See: mlswb profiles list')
    switch (sub) {
      case 'list': {
        const list = await ctx.call('profiles:list', {})
        ctx.result(profilesListOutputSchema, list, () =>
          list.map(
            (p) =>
              `${p.id.padEnd(24)} ${p.kind.padEnd(8)} ${p.name}${p.builtin ? ' (built in)' : ''}  secrets: ${p.storedSecrets.join(', ') || 'none'}`
          )
        )
        return 0
      }
      case 'add':
        return add(ctx, values)
      case 'edit':
        return edit(ctx, profileId(), values)
      case 'show': {
        const p = await ctx.call('profiles:get', { profileId: profileId() })
        ctx.result(profileOutputSchema, p, () => JSON.stringify(p, null, 2))
        return 0
      }
      case 'rm': {
        const r = await ctx.call('profiles:delete', { profileId: profileId() })
        ctx.result(profilesRemoveOutputSchema, { profileId: profileId(), ...r }, () =>
          r.deleted ? `Removed profile "${profileId()}" and its secrets.` : `There was no profile "${profileId()}".`
        )
        return 0
      }
      case 'import': {
        const file = need(id, 'the file to import')
        const wb = await ctx.workbench()
        const p = await wb.profiles.importFile(path.resolve(file))
        ctx.result(profilesImportOutputSchema, { imported: [p.id] }, () => `Imported profile "${p.id}" (${p.name}).`)
        return 0
      }
      case 'export': {
        const wb = await ctx.workbench()
        const out = stringOpt(values, 'out')
        if (!out) {
          ctx.line((await wb.profiles.exportProfile(profileId())).trimEnd())
          return 0
        }
        const target = path.resolve(out)
        await wb.profiles.exportToFile(profileId(), target)
        ctx.result(profilesExportOutputSchema, { path: target, count: 1 }, () => `Wrote ${target} (no secrets in it).`)
        return 0
      }
      default:
        throw usageError(`Unknown "profiles ${sub}".`, 'See: mlswb profiles --help')
    }
  }
}
