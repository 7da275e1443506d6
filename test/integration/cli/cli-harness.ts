// Runs the CLI as a user would: a child process (node + tsx, as `npx mlswb` does) in a throwaway user-data folder,
// with the environment it is given and nothing of ours (no MLSWB_SECRET_* leaks in from the test's own env).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { z } from 'zod'
import { profileOutputSchema } from '../../../contract/cli-output'
import { repoRoot } from '../../support/paths'

export interface CliRun {
  code: number | null
  out: string
  err: string
  /** every argument the process was started with */
  argv: string[]
}

export interface CliOptions {
  userData: string
  env?: Record<string, string>
  input?: string
  /** default true: the CLI's built-in Demo MLS */
  demo?: boolean
}

export function newUserData(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mlswb-cli-'))
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MLSWB_')) env[k] = v
  return { ...env, ...extra }
}

function argvOf(args: string[], opts: CliOptions): string[] {
  return [
    '--import',
    'tsx',
    'src-main/shells/cli/mlswb-cli.ts',
    ...args,
    '--user-data',
    opts.userData,
    ...(opts.demo === false ? ['--no-demo'] : [])
  ]
}

/** Async, so a Demo MLS running in the test's own process keeps answering while the CLI waits on it. */
export function cli(args: string[], opts: CliOptions): Promise<CliRun> {
  return startCli(args, opts).done
}

/** Started, not awaited: for Ctrl+C tests. */
export function startCli(args: string[], opts: CliOptions): { child: ChildProcess; done: Promise<CliRun> } {
  const argv = argvOf(args, opts)
  const child = spawn(process.execPath, argv, { cwd: repoRoot, env: childEnv(opts.env), stdio: 'pipe' })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')))
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')))
  child.stdin.end(opts.input ?? '')
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, out, err, argv })))
  return { child, done }
}

/** stdout parsed as JSON and validated against the command's contract schema (throws with the zod issues). */
export function jsonOf<S extends z.ZodType>(schema: S, run: CliRun): z.output<S> {
  return schema.parse(JSON.parse(run.out))
}

/** Every file under a folder, with its bytes (for "the secret is nowhere on disk"). */
export function filesUnder(dir: string): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...filesUnder(full))
    else out.push({ file: full, bytes: readFileSync(full) })
  }
  return out
}

/** `profiles add` of a RETS profile for the demo user against a Demo MLS the test runs; returns the new id. */
export async function addRetsProfile(userData: string, serverUrl: string, name: string): Promise<string> {
  const r = await cli(
    [
      'profiles',
      'add',
      '--kind',
      'rets',
      '--name',
      name,
      '--login-url',
      `${serverUrl}/rets/Login`,
      '--user',
      'demo',
      '--json'
    ],
    { userData, demo: false }
  )
  if (r.code !== 0) throw new Error(`profiles add failed (${r.code}): ${r.err}`)
  return profileOutputSchema.parse(JSON.parse(r.out)).id
}
