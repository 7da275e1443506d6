// `mlswb secrets set|status|rm`: a secret's value is read from stdin (piped, or typed at a hidden prompt), never
// from argv, where `ps` and shell history would show it. In CI without a keychain, MLSWB_SECRET_<PROFILE>_<NAME>
// variables are used when the store has nothing; `status` says which source each secret would come from.
import { secretsSetOutputSchema, secretsStatusOutputSchema } from '../../../../contract/cli-output'
import { kindFacts, SECRET_NAMES, type ProfileSecretName } from '../../../../contract/kinds'
import { envSecretVariable } from '../../../platform/secrets/env-secret-fallback'
import type { CliCommand } from '../cli-command'
import { need } from '../cli-command'
import type { CliContext } from '../cli-context'
import { usageError } from '../cli-exit'
import { readHiddenLine } from '../hidden-prompt'

function secretName(name: string | undefined): ProfileSecretName {
  const n = need(name, 'the secret name', `One of: ${SECRET_NAMES.join(', ')}`)
  if (!(SECRET_NAMES as readonly string[]).includes(n)) {
    throw usageError(`"${n}" is not a secret name.`, `One of: ${SECRET_NAMES.join(', ')}`)
  }
  return n as ProfileSecretName
}

async function readValue(ctx: CliContext, name: string): Promise<string> {
  const stdin = ctx.io.stdin as NodeJS.ReadStream
  const raw = stdin.isTTY ? await readHiddenLine(stdin, ctx.io.stderr, `${name}: `) : await ctx.readStdin()
  // `echo value |` adds a newline that is not part of the secret
  const value = raw.replace(/\r?\n$/, '')
  if (!value)
    throw usageError(`No value for ${name} on stdin.`, `printf %s "$VALUE" | mlswb secrets set <profile> ${name}`)
  return value
}

export const secretsCommand: CliCommand = {
  name: 'secrets',
  summary: 'store a secret from stdin, show where each secret comes from, remove one',
  usage: ['secrets set <profile> <name>   (value on stdin)', 'secrets status <profile>', 'secrets rm <profile> <name>'],
  examples: [
    'printf %s "$RETS_PASSWORD" | mlswb secrets set my-mls password',
    'mlswb secrets set my-mls uaPassword      # prompts, input hidden',
    'MLSWB_SECRET_MY_MLS_PASSWORD=… mlswb test my-mls   # CI without a keychain',
    'mlswb secrets status my-mls --json'
  ],
  subcommands: ['set', 'status', 'rm'],
  options: {},
  async run(ctx, positionals) {
    const [sub, id, nameArg, extra] = positionals
    if (extra !== undefined) {
      throw usageError('secrets set takes no value argument: give the value on stdin, never on the command line.')
    }
    const profileId = need(id, 'the profile id', 'See: mlswb profiles list')
    switch (sub) {
      case 'set': {
        const name = secretName(nameArg)
        const profile = await ctx.call('profiles:get', { profileId })
        if (!kindFacts(profile.kind).secrets.includes(name)) {
          throw usageError(
            `A ${profile.kind} profile has no secret "${name}".`,
            `It keeps: ${kindFacts(profile.kind).secrets.join(', ')}`
          )
        }
        const value = await readValue(ctx, name)
        const r = await ctx.call('secrets:set', { profileId, name, value })
        ctx.result(secretsSetOutputSchema, { profileId, name, ...r }, () =>
          r.persistent
            ? `Stored ${name} for ${profileId} in the secret store.`
            : `Kept ${name} for this run only: there is no keychain. Use ${envSecretVariable(profileId, name)} instead.`
        )
        if (!r.persistent)
          ctx.warn(
            `no keychain here, ${name} was not saved; set ${envSecretVariable(profileId, name)} in the environment.`
          )
        return r.persistent ? 0 : 1
      }
      case 'rm': {
        const name = secretName(nameArg)
        const r = await ctx.call('secrets:clear', { profileId, name })
        ctx.result(secretsSetOutputSchema, { profileId, name, stored: false, persistent: true }, () =>
          r.cleared ? `Removed ${name} of ${profileId}.` : `${profileId} had no ${name}.`
        )
        return 0
      }
      case 'status': {
        const profile = await ctx.call('profiles:get', { profileId })
        const wb = await ctx.workbench()
        const info = wb.secrets.info()
        const fallback = ctx.envSecrets()
        const stored = new Set((await ctx.call('profiles:list', {})).find((p) => p.id === profileId)?.storedSecrets)
        const secrets: Array<{
          name: string
          source: 'keychain' | 'safeStorage' | 'memory' | 'env' | 'none'
          envVariable: string
        }> = []
        for (const name of kindFacts(profile.kind).secrets) {
          if (name === 'accessTokenExpiresAt') continue
          const env = (await fallback?.sourceOf(profileId, name)) === 'env'
          const source = env ? 'env' : stored.has(name) ? info.kind : 'none'
          secrets.push({ name, source, envVariable: envSecretVariable(profileId, name) })
        }
        ctx.result(
          secretsStatusOutputSchema,
          { profileId, store: { kind: info.kind, persistent: info.persistent }, secrets },
          () => [
            `Secret store: ${info.summary}`,
            ...secrets.map(
              (s) =>
                `  ${s.name.padEnd(14)} ${s.source === 'none' ? 'not set' : `from ${s.source === 'env' ? s.envVariable : `the ${s.source}`}`}`
            )
          ]
        )
        return 0
      }
      default:
        throw usageError(`Unknown "secrets ${sub ?? ''}".`, 'See: mlswb secrets --help')
    }
  }
}
