// The composition root shared by the Electron shell and web mode: builds every service once and the handler table
// on top of them. Nothing here imports electron; the shell passes in what only Electron can do.
import { EventHub } from './event-hub'
import { JobManager } from '../services/jobs/job-manager'
import { createRegistry, mergeHandlers, type HandlerRegistry } from '../ipc/register'
import { appHandlers } from '../ipc/handlers/app-handlers'
import { jobHandlers } from '../ipc/handlers/job-handlers'
import type { AppInfo } from '../shared/ipc-contract'
import { APP_NAME } from './user-data'

export interface WorkbenchOptions {
  mode: AppInfo['mode']
  version: string
  userDataDir: string
  openExternal(url: URL): Promise<boolean>
  keychain: AppInfo['keychain']
}

export interface Workbench {
  hub: EventHub
  jobs: JobManager
  registry: HandlerRegistry
  info(): AppInfo
  close(): Promise<void>
}

export async function createWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  const hub = new EventHub()
  const jobs = new JobManager((p) => hub.emit('job:progress', p))
  const info = (): AppInfo => ({
    name: APP_NAME,
    version: opts.version,
    platform: process.platform,
    mode: opts.mode,
    keychain: opts.keychain,
    userDataDir: opts.userDataDir,
    demoMlsUrl: null
  })
  const registry = createRegistry(
    mergeHandlers(appHandlers({ info, openExternal: opts.openExternal }), jobHandlers(jobs))
  )
  return {
    hub,
    jobs,
    registry,
    info,
    async close() {
      jobs.cancelAll()
    }
  }
}
