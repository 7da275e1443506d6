// What every command module gets: the global flags, the handler table of a workbench started on first use (so
// `--help` and `completion` start nothing), output that is either validated JSON on stdout or human text, notes on
// stderr (silenced by --quiet), job waiting with a progress bar on a terminal, and Ctrl+C turned into a job cancel.
import type { z } from 'zod'
import { createWorkbench, type Workbench } from '../../app/workbench'
import { APP_VERSION } from '../../app/version'
import type { ArgsOf, RequestChannel, ResultOf } from '../../../contract/ipc-contract'
import type { JobProgress } from '../../../contract/job-channels'
import { SECRET_NAMES } from '../../../contract/kinds'
import { EnvSecretFallback } from '../../platform/secrets/env-secret-fallback'
import { redactor } from '../../platform/redaction/redactor'
import { ProgressBar } from './cli-progress'

export interface GlobalFlags {
  json: boolean
  quiet: boolean
  userData: string
  /** start the built-in Demo MLS (default true; --no-demo) */
  demo: boolean
}

export interface CliIo {
  stdout: NodeJS.WriteStream | NodeJS.WritableStream
  stderr: NodeJS.WriteStream | NodeJS.WritableStream
  stdin: NodeJS.ReadableStream
  env: Readonly<Record<string, string | undefined>>
}

export class CliContext {
  private bench: Workbench | undefined
  private fallback: EnvSecretFallback | undefined
  private interrupted = false

  constructor(
    readonly flags: GlobalFlags,
    readonly io: CliIo
  ) {}

  async workbench(): Promise<Workbench> {
    if (!this.bench) {
      this.bench = await createWorkbench({
        mode: 'cli',
        version: APP_VERSION,
        userDataDir: this.flags.userData,
        openExternal: async () => false,
        demo: this.flags.demo,
        wrapSecrets: (store) => (this.fallback = new EnvSecretFallback(store, this.io.env, SECRET_NAMES))
      })
      const readOnly = this.bench.userDataLock.readOnlyReason
      if (readOnly) this.note(readOnly)
    }
    return this.bench
  }

  /** The environment-variable layer behind the secret store (after {@link workbench}). */
  envSecrets(): EnvSecretFallback | undefined {
    return this.fallback
  }

  async call<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    const wb = await this.workbench()
    const env = await wb.registry.dispatch(channel, args, { transport: 'web' })
    if (!env.ok) throw env.error
    return env.value as ResultOf<C>
  }

  /** The command's result: with --json validated against its contract schema and printed whole, else `human`. */
  result<S extends z.ZodType>(schema: S, value: z.input<S>, human: () => string | string[]): void {
    if (this.flags.json) {
      const checked = schema.parse(value)
      this.write(this.io.stdout, `${JSON.stringify(checked, null, 2)}\n`)
      return
    }
    const text = human()
    const lines = Array.isArray(text) ? text : [text]
    if (lines.length) this.write(this.io.stdout, `${lines.join('\n')}\n`)
  }

  /** A line of human output on stdout (tables, rows) — never with --json. */
  line(text: string): void {
    this.write(this.io.stdout, `${text}\n`)
  }

  /** Something worth knowing, on stderr; --quiet drops it. */
  note(text: string): void {
    if (!this.flags.quiet) this.write(this.io.stderr, `${text}\n`)
  }

  /** A warning: on stderr even with --quiet. */
  warn(text: string): void {
    this.write(this.io.stderr, `Warning: ${text}\n`)
  }

  private write(stream: NodeJS.WritableStream, text: string): void {
    stream.write(redactor.text(text))
  }

  /** Reads all of stdin (secrets, piped files); refuses an interactive terminal with nothing to read. */
  async readStdin(): Promise<string> {
    const chunks: Buffer[] = []
    for await (const chunk of this.io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
    return Buffer.concat(chunks).toString('utf8')
  }

  get isInterrupted(): boolean {
    return this.interrupted
  }

  /** Ctrl+C: cancel the running jobs; they stop at their next step and keep what they wrote. */
  interrupt(): void {
    this.interrupted = true
    this.bench?.jobs.cancelAll()
  }

  /** Waits for a job, drawing progress on a terminal; resolves with its final state, throws its error on failure. */
  async waitForJob(jobId: string): Promise<JobProgress> {
    const wb = await this.workbench()
    const stderr = this.io.stderr as NodeJS.WriteStream
    const bar = !this.flags.quiet && stderr.isTTY ? new ProgressBar(stderr) : undefined
    const stop = wb.hub.subscribe((event, payload) => {
      if (event === 'job:progress' && (payload as JobProgress).jobId === jobId) {
        const p = payload as JobProgress
        if (p.state === 'running') bar?.update(p)
      }
    })
    if (this.interrupted) wb.jobs.cancel(jobId)
    try {
      await wb.jobs.settled(jobId)
    } finally {
      stop()
      bar?.clear()
    }
    const state = wb.jobs.list().find((j) => j.jobId === jobId)
    if (!state) throw { code: 'INTERNAL', message: 'The job disappeared before it finished.' }
    if (state.state === 'failed') throw state.error ?? { code: 'INTERNAL', message: 'The job failed.' }
    return state
  }

  async close(): Promise<void> {
    await this.bench?.close()
  }
}
