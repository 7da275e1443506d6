// A real workbench (demo MLS, secret store, profiles, sessions) driven through the same dispatch as IPC and web
// mode, in a throwaway user-data folder.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createWorkbench, type Workbench } from '../../src-main/app/workbench'
import type { ArgsOf, RequestChannel, ResultOf } from '../../contract/ipc-contract'
import type { AppErrorShape } from '../../contract/app-error'
import type { LogLine } from '../../contract/event-channels'

export interface Harness {
  workbench: Workbench
  userDataDir: string
  call<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>
  fail(channel: RequestChannel, args: unknown): Promise<AppErrorShape>
  close(): Promise<void>
}

export async function startHarness(opts: { listings?: number } = {}): Promise<Harness> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-harness-'))
  const workbench = await createWorkbench({
    mode: 'web',
    version: '0.0.0-test',
    userDataDir,
    openExternal: async () => false,
    demo: { listings: opts.listings ?? 500 }
  })
  const ctx = { transport: 'web' as const }
  return {
    workbench,
    userDataDir,
    async call(channel, args) {
      const env = await workbench.registry.dispatch(channel, args, ctx)
      if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), env.error)
      return env.value as never
    },
    async fail(channel, args) {
      const env = await workbench.registry.dispatch(channel, args, ctx)
      if (env.ok) throw new Error(`${channel} was expected to fail`)
      return env.error
    },
    close: () => workbench.close()
  }
}

/** Waits for a job to settle and returns its final state. */
export async function settle(h: Harness, jobId: string): Promise<string> {
  await h.workbench.jobs.settled(jobId)
  return h.workbench.jobs.list().find((j) => j.jobId === jobId)?.state ?? 'unknown'
}

/** The Log tab's lines as main emits them (`log:line`), collected from now on; empty it with `length = 0`. */
export function collectLog(h: Harness): LogLine[] {
  const lines: LogLine[] = []
  h.workbench.hub.subscribe((event, payload) => {
    if (event === 'log:line') lines.push(payload as LogLine)
  })
  return lines
}
