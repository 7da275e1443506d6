// Entry for web mode (`npm start` where Electron's binary is missing, or `npm run web`): the workbench served to
// the system browser on 127.0.0.1. Plain Node — this file and everything it imports must never import electron.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createWorkbench, type Workbench } from '../../app/workbench'
import { defaultUserDataDir } from '../../app/user-data'
import { APP_VERSION } from '../../app/version'
import { startWebServer, type WebServer } from './web-server'

export interface WebAppOptions {
  staticDir: string
  /** start the in-process Demo MLS (default true) */
  demo?: boolean | { listings: number }
  port?: number
  userDataDir?: string
  token?: string
}

export interface WebApp {
  workbench: Workbench
  server: WebServer
  close(): Promise<void>
}

export async function startWebApp(opts: WebAppOptions): Promise<WebApp> {
  const workbench = await createWorkbench({
    mode: 'web',
    version: APP_VERSION,
    userDataDir: opts.userDataDir ?? defaultUserDataDir(),
    ...(opts.demo !== undefined ? { demo: opts.demo } : {}),
    // The page opens links itself (window.open with noopener) once the URL has been checked here.
    openExternal: async () => false
  })
  const server = await startWebServer({
    registry: workbench.registry,
    hub: workbench.hub,
    staticDir: opts.staticDir,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.token !== undefined ? { token: opts.token } : {})
  })
  return {
    workbench,
    server,
    async close() {
      await server.close()
      await workbench.close()
    }
  }
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(cmd, [url], { detached: true, stdio: 'ignore' })
  child.on('error', () => undefined) // no browser here: the printed URL is enough
  child.unref()
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    allowPositionals: false
  })
  const app = await startWebApp({
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    ...(values.port ? { port: Number(values.port) } : {})
  })
  console.log(`MLS Workbench (web mode) is running at:\n  ${app.server.url}\nPress Ctrl+C to stop.`)
  const readOnly = app.workbench.userDataLock.readOnlyReason
  if (readOnly) console.warn(readOnly)
  if (!values['no-open'] && !process.env.CI) openBrowser(app.server.url)
  const stop = (): void => {
    app.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exit(1)
  })
}
