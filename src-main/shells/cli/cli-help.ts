// The help texts: `mlswb --help` lists the commands, `mlswb <command> --help` shows its usage, options and examples.
import { APP_VERSION } from '../../app/version'
import type { CliCommand } from './cli-command'

export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', help: 'machine-readable output on stdout (schemas: contract/cli-output.ts)' },
  quiet: { type: 'boolean', short: 'q', help: 'no notes or progress on stderr (errors still)' },
  'user-data': { type: 'string', help: 'profiles, library and caches folder (default: the app’s)' },
  'no-demo': { type: 'boolean', help: 'do not start the built-in Demo MLS' },
  help: { type: 'boolean', short: 'h', help: 'help for a command' }
} as const

export const EXIT_CODES_TEXT = `Exit codes: 0 ok · 1 the job failed · 2 usage (bad command line, unknown profile, missing variable)
            3 authentication refused · 4 the server refused the request · 130 cancelled (Ctrl+C)`

function optionLines(options: Record<string, { short?: string; help: string; type: string }>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`
    return `  ${flag.padEnd(30)} ${o.help}`
  })
}

export function mainHelp(commands: readonly CliCommand[]): string {
  return [
    `MLS Workbench CLI ${APP_VERSION}`,
    '',
    'Usage: mlswb <command> [arguments] [options]      (from a clone: npx mlswb … or npm run cli -- …)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Secrets: the system keychain (mlswb secrets set, value on stdin); in CI without one, environment variables',
    '  MLSWB_SECRET_<PROFILE>_<NAME>, e.g. MLSWB_SECRET_MY_MLS_PASSWORD, MLSWB_SECRET_MY_MLS_UA_PASSWORD.',
    EXIT_CODES_TEXT,
    '',
    'mlswb <command> --help shows its options and examples.'
  ].join('\n')
}

export function commandHelp(c: CliCommand): string {
  return [
    `mlswb ${c.name} — ${c.summary}`,
    '',
    'Usage:',
    ...c.usage.map((u) => `  mlswb ${u}`),
    ...(Object.keys(c.options).length ? ['', 'Options:', ...optionLines(c.options)] : []),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
    '',
    EXIT_CODES_TEXT
  ].join('\n')
}
