// The shape of a command module: its help (usage lines and examples, shown by `mlswb <command> --help`), its
// options (parsed strictly, so a typo is a usage error with exit code 2, not a silently ignored flag) and its run.
import type { CliContext } from './cli-context'
import { usageError } from './cli-exit'

export interface CliOption {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** shown in --help; `<value>` names what to give */
  help: string
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>

export interface CliCommand {
  name: string
  summary: string
  usage: string[]
  examples: string[]
  options: Record<string, CliOption>
  /** first positional words (for completion and help) */
  subcommands?: string[]
  run(ctx: CliContext, positionals: string[], values: OptionValues): Promise<number>
}

export function stringOpt(values: OptionValues, name: string): string | undefined {
  const v = values[name]
  if (Array.isArray(v)) return v[v.length - 1]
  return typeof v === 'string' ? v : undefined
}

export function listOpt(values: OptionValues, name: string): string[] {
  const v = values[name]
  if (Array.isArray(v)) return v
  return typeof v === 'string' ? [v] : []
}

export function intOpt(values: OptionValues, name: string): number | undefined {
  const v = stringOpt(values, name)
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw usageError(`--${name} takes a whole number, not "${v}".`)
  return n
}

/** Comma-separated values of a string option (`--select a,b`). */
export function csvOpt(values: OptionValues, name: string): string[] | undefined {
  const v = stringOpt(values, name)
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
}

export function need<T>(value: T | undefined, what: string, hint?: string): T {
  if (value === undefined || value === '') throw usageError(`Missing ${what}.`, hint)
  return value
}
