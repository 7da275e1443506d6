// The composition root shared by the Electron shell and web mode: builds every service once and the handler table
// on top of them. Nothing here imports electron; the shell passes in what only Electron can do.
import os from 'node:os'
import path from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { EventHub } from './event-hub'
import { APP_NAME } from './user-data'
import { startDemoHost, type DemoHost } from './demo-mls-host'
import { JobManager } from '../platform/jobs/job-manager'
import { createRegistry, mergeHandlers, type HandlerRegistry } from '../handlers/handler-registry'
import { appHandlers, type DesktopShell } from '../handlers/app-handlers'
import { jobHandlers } from '../handlers/job-handlers'
import { profileHandlers } from '../handlers/profile-handlers'
import { sessionHandlers } from '../handlers/session-handlers'
import { metadataHandlers } from '../handlers/metadata-handlers'
import { intelHandlers } from '../handlers/intel-handlers'
import { FieldMapService } from '../features/metadata/field-map-service'
import { MetadataIntel } from '../features/metadata/metadata-intel'
import { ResultComparer } from '../features/metadata/result-comparison'
import { queryHandlers } from '../handlers/query-handlers'
import { resultsHandlers } from '../handlers/results-handlers'
import { wireHandlers } from '../handlers/wire-handlers'
import { photoHandlers } from '../handlers/photo-handlers'
import { syncHandlers } from '../handlers/sync-handlers'
import { SyncStoreRegistry } from '../features/sync/store-registry'
import { activityHandlers } from '../handlers/activity-handlers'
import { libraryHandlers } from '../handlers/library-handlers'
import { environmentHandlers } from '../handlers/env-handlers'
import { QueryLibrary } from '../features/library/query-library'
import { watchFolder } from '../platform/files/folder-watch'
import { openSecretStore, BuiltInSecretsOverlay, type SafeStorageLike, type SecretStore } from '../platform/secrets'
import { ProfileStore } from '../features/connections/profiles'
import { SessionManager } from '../features/connections/session-manager'
import { createSessionFactory } from '../features/connections/session-factory'
import { MetadataCache } from '../features/metadata/metadata-cache'
import { WireLog } from '../platform/http/wire-log'
import { ResultRegistry } from '../platform/results/result-registry'
import type { AppInfo } from '../../contract/app-channels'
import { acquireUserDataLock, type UserDataLock } from './user-data-lock'
import { markSpillOwner, removeCrashLeftovers, SPILL_PREFIX } from './crash-leftovers'
import { useTempJournal } from '../platform/files/temp-journal'

export interface WorkbenchOptions {
  mode: AppInfo['mode']
  version: string
  userDataDir: string
  openExternal(url: URL): Promise<boolean>
  /** native pickers and the file manager (the Electron shell); absent in web mode */
  desktop?: DesktopShell
  /** Electron's safeStorage, when the shell has one with a real backend */
  safeStorage?: SafeStorageLike
  /** start the in-process Demo MLS (default true) */
  demo?: boolean | { listings: number }
  /** wraps the opened secret store (the CLI adds environment-variable secrets behind the keychain) */
  wrapSecrets?: (store: SecretStore) => SecretStore
  /** bytes of response bodies the raw log keeps (default 512 MB; the oldest bodies are dropped first) */
  rawLogMaxBytes?: number
}

export interface Workbench {
  hub: EventHub
  jobs: JobManager
  registry: HandlerRegistry
  secrets: SecretStore
  profiles: ProfileStore
  sessions: SessionManager
  wireLog: WireLog
  results: ResultRegistry
  demo: DemoHost | undefined
  /** temp folder for spilled bodies and result rows (removed on close) */
  spillDir: string
  /** whether this instance may save into the user-data folder, and if not, who holds it */
  userDataLock: UserDataLock
  info(): AppInfo
  close(): Promise<void>
}

export async function createWorkbench(opts: WorkbenchOptions): Promise<Workbench> {
  const hub = new EventHub()
  const jobs = new JobManager((p) => hub.emit('job:progress', p))
  // bodies and result rows that outgrow memory spill here; removed on close
  const spillDir = mkdtempSync(path.join(os.tmpdir(), SPILL_PREFIX))
  markSpillOwner(spillDir)
  const demo = opts.demo === false ? undefined : await startDemoHost(typeof opts.demo === 'object' ? opts.demo : {})

  // one writer per user-data folder: a second instance (web, CLI, desktop) opens it read-only
  const lock = acquireUserDataLock(opts.userDataDir, opts.mode)
  const journalDir = path.join(opts.userDataDir, 'pending-temp-files')
  // only the instance that holds the folder clears what crashed runs left
  if (!lock.readOnlyReason) removeCrashLeftovers(journalDir)
  useTempJournal(journalDir)
  const base = await openSecretStore({
    filePath: path.join(opts.userDataDir, 'secrets.json'),
    ...(opts.safeStorage ? { safeStorage: opts.safeStorage } : {})
  })
  const secrets = new BuiltInSecretsOverlay(opts.wrapSecrets ? opts.wrapSecrets(base) : base, [])
  if (demo) await secrets.seed(demo.profiles.secrets)
  const profiles = new ProfileStore(path.join(opts.userDataDir, 'profiles'), {
    secrets,
    builtIns: () => demo?.profiles.profiles ?? [],
    assertWritable: lock.assertWritable
  })
  const libraryDir = path.join(opts.userDataDir, 'library')
  const unwatch = (['profiles', 'library'] as const).map((folder) =>
    watchFolder(path.join(opts.userDataDir, folder), () => hub.emit('folder:changed', { folder }))
  )
  const wireLog = new WireLog({
    spillDir,
    ...(opts.rawLogMaxBytes !== undefined ? { maxBodyBytes: opts.rawLogMaxBytes } : {})
  })
  const results = new ResultRegistry({ dir: spillDir })
  const metadataCache = new MetadataCache(path.join(opts.userDataDir, 'metadata-cache'))
  const sessions = new SessionManager(
    createSessionFactory({
      profiles,
      secrets,
      wireLog,
      metadataCache,
      openExternal: (url) => opts.openExternal(new URL(url))
    }),
    metadataCache,
    (level, message) => hub.emit('log:line', { level, message, at: new Date().toISOString() })
  )

  const info = (): AppInfo => ({
    name: APP_NAME,
    version: opts.version,
    platform: process.platform,
    mode: opts.mode,
    keychain: secrets.info(),
    userDataDir: opts.userDataDir,
    demoMlsUrl: demo?.server.url ?? null,
    nativeDialogs: opts.desktop !== undefined
  })
  const outputFolders = new Set<string>()
  const syncStores = new SyncStoreRegistry(path.join(opts.userDataDir, 'sync'), secrets)
  const jobOfResult = new Map<string, string>()
  const maps = new FieldMapService(sessions, libraryDir)
  const registry = createRegistry(
    mergeHandlers(
      appHandlers({
        info,
        openExternal: opts.openExternal,
        outputFolders,
        ...(opts.desktop ? { desktop: opts.desktop } : {})
      }),
      jobHandlers(jobs),
      profileHandlers(profiles, secrets, sessions, wireLog),
      sessionHandlers(sessions),
      metadataHandlers(sessions, jobs),
      queryHandlers({ sessions, jobs, results, jobOfResult }),
      resultsHandlers({ results, wireLog, jobOfResult, jobs, sessions }),
      wireHandlers(wireLog),
      photoHandlers({ sessions, jobs, results, outputFolders }),
      activityHandlers(sessions, profiles),
      libraryHandlers(new QueryLibrary(libraryDir, { assertWritable: lock.assertWritable }), profiles),
      environmentHandlers(profiles, path.join(opts.userDataDir, 'profiles')),
      intelHandlers(maps, new MetadataIntel(sessions, metadataCache), new ResultComparer(results, maps)),
      syncHandlers({ sessions, profiles, jobs, results, stores: syncStores })
    )
  )
  return {
    hub,
    jobs,
    registry,
    secrets,
    profiles,
    sessions,
    wireLog,
    results,
    demo,
    spillDir,
    userDataLock: lock,
    info,
    async close() {
      for (const stop of unwatch) stop()
      jobs.cancelAll()
      await sessions.closeAll()
      await syncStores.closeAll()
      results.disposeAll()
      await demo?.server.close()
      rmSync(spillDir, { recursive: true, force: true })
      lock.release()
    }
  }
}
