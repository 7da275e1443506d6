// `mlswb <command>` (npx mlswb, npm run cli --): the workbench without a window, for scripts, cron and CI. It drives
// the same handler table as the app (so validation, redaction and errors are identical); each command group is a
// module in commands/. Output: human text, or --json validated against contract/cli-output.ts; notes and progress
// on stderr; exit codes 0 ok, 1 failed, 2 usage, 3 auth, 4 refused, 130 cancelled.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { defaultUserDataDir } from '../../app/user-data'
import { toErrorShape } from '../../../contract/app-error'
import { CLI_EXIT, cliErrorOutputSchema } from '../../../contract/cli-output'
import { redactor } from '../../platform/redaction/redactor'
import type { CliCommand } from './cli-command'
import { CliContext, type CliIo } from './cli-context'
import { exitCodeFor } from './cli-exit'
import { commandHelp, GLOBAL_OPTIONS, mainHelp } from './cli-help'
import { bashCompletion, zshCompletion } from './cli-completion'
import { profilesCommand } from './commands/profiles-command'
import { secretsCommand } from './commands/secrets-command'
import { envCommand } from './commands/env-command'
import { testCommand } from './commands/test-command'
import { connectCommand, exportCommand, metadataCommand, searchCommand } from './commands/search-command'
import { runCommand } from './commands/run-command'
import { photosCommand } from './commands/photos-command'
import { reportCommand } from './commands/report-command'
import { diffCommand } from './commands/diff-command'
import { activityCommand } from './commands/activity-command'
import { syncCommand } from './commands/sync-command'

const completionCommand: CliCommand = {
  name: 'completion',
  summary: 'print a bash or zsh completion script',
  usage: ['completion bash|zsh'],
  examples: ['source <(mlswb completion bash)', 'mlswb completion zsh > ~/.zfunc/_mlswb'],
  subcommands: ['bash', 'zsh'],
  options: {},
  async run(ctx, positionals) {
    const shell = positionals[0] ?? 'bash'
    if (shell !== 'bash' && shell !== 'zsh') throw { code: 'CLI_USAGE', message: 'completion takes bash or zsh.' }
    ctx.line((shell === 'bash' ? bashCompletion : zshCompletion)(COMMANDS))
    return 0
  }
}

export const COMMANDS: readonly CliCommand[] = [
  profilesCommand,
  secretsCommand,
  envCommand,
  testCommand,
  connectCommand,
  metadataCommand,
  searchCommand,
  exportCommand,
  runCommand,
  photosCommand,
  reportCommand,
  diffCommand,
  syncCommand,
  activityCommand,
  completionCommand
]

/** Commands that never need a workbench (no Demo MLS, no keychain probe). */
const OFFLINE = new Set(['completion'])

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // the command is the first word that is not an option or the value of --user-data
  const name = argv.find((a, i) => !a.startsWith('-') && argv[i - 1] !== '--user-data')
  const command = COMMANDS.find((c) => c.name === name)
  const wantsHelp = argv.includes('--help') || argv.includes('-h')
  if (!command) {
    if (name !== undefined) io.stderr.write(`Unknown command "${name}".\n\n`)
    ;(name === undefined && wantsHelp ? io.stdout : io.stderr).write(`${mainHelp(COMMANDS)}\n`)
    return name === undefined && wantsHelp ? CLI_EXIT.ok : CLI_EXIT.usage
  }
  if (wantsHelp) {
    io.stdout.write(`${commandHelp(command)}\n`)
    return CLI_EXIT.ok
  }
  const jsonWanted = argv.includes('--json')
  let ctx: CliContext | undefined
  const onInterrupt = (): void => {
    if (ctx?.isInterrupted) process.exit(CLI_EXIT.cancelled) // a second Ctrl+C: stop now
    io.stderr.write('\nCancelling… (partial files are kept; run again to resume)\n')
    ctx?.interrupt()
  }
  process.on('SIGINT', onInterrupt)
  try {
    const parsed = parseArgs({
      args: argv.filter((_, i) => i !== argv.indexOf(name as string)),
      allowPositionals: true,
      strict: true,
      options: { ...GLOBAL_OPTIONS, ...command.options } as NonNullable<ParseArgsConfig['options']>
    })
    const v = parsed.values as Record<string, string | boolean | string[] | undefined>
    ctx = new CliContext(
      {
        json: v.json === true,
        quiet: v.quiet === true,
        userData: typeof v['user-data'] === 'string' ? v['user-data'] : defaultUserDataDir(),
        demo: v['no-demo'] !== true && !OFFLINE.has(command.name)
      },
      io
    )
    return await command.run(ctx, parsed.positionals, v)
  } catch (err) {
    const shape = toErrorShape(err)
    // parseArgs' own errors (unknown option, missing value) are usage errors
    const code = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? CLI_EXIT.usage : exitCodeFor(shape)
    const message = redactor.text(`Error ${shape.code}: ${shape.message}`)
    io.stderr.write(`${message}\n`)
    if (shape.detail) io.stderr.write(`${redactor.text(shape.detail)}\n`)
    if (shape.hint) io.stderr.write(`Hint: ${redactor.text(shape.hint)}\n`)
    if (code === CLI_EXIT.usage) io.stderr.write(`See: mlswb ${command.name} --help\n`)
    if (jsonWanted) {
      const out = cliErrorOutputSchema.parse({
        error: JSON.parse(redactor.text(JSON.stringify(shape))),
        exitCode: code
      })
      io.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
    }
    return code
  } finally {
    process.off('SIGINT', onInterrupt)
    await ctx?.close()
  }
}

/** The process entry (bin/mlswb.mjs, npm run cli): real stdio and environment, then exit with the code. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${redactor.text(err instanceof Error ? err.message : String(err))}\n`)
      process.exit(CLI_EXIT.failed)
    }
  )
}

// run when executed directly (tsx src-main/shells/cli/mlswb-cli.ts), not when imported by bin/mlswb.mjs or tests
if (process.argv[1] && /mlswb-cli\.[cm]?[jt]s$/.test(process.argv[1])) main()
