// The machine's chromium (never a downloaded one) with flags that work on closed-network CI machines, in a throwaway
// profile, and web mode on the built renderer with its own user-data folder. Free of vitest, so the bench's
// metadata-tree case (bench/cases/metadata-tree.ts) drives the app with the very same helpers as the E2E suite.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startWebApp, type WebApp } from '../../../src-main/shells/web/start-web'
import { chromiumPath, rendererBuilt, rendererDir } from './prerequisites'

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ],
    env: { ...process.env, HOME: mkdtempSync(path.join(os.tmpdir(), 'mlswb-chromium-home-')) }
  })
}

/** Web mode on the built renderer; pass the same userDataDir twice to "restart" the app. */
export async function startTestApp(
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-')),
  demo: { listings: number } = { listings: 1000 }
): Promise<WebApp> {
  if (!rendererBuilt()) throw new Error('Run `npm run build` before the E2E suite.')
  return startWebApp({ staticDir: rendererDir, userDataDir, demo })
}

export async function openApp(browser: Browser, app: WebApp, scheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })
  const page = await context.newPage()
  await page.goto(app.server.url)
  return page
}
