// Launches the machine's chromium (never a downloaded one) with flags that work on closed-network CI machines,
// in a throwaway profile, and starts web mode on the built renderer with its own user-data folder.
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startWebApp, type WebApp } from '../../../src-main/shells/web/start-web'
import { repoRoot } from '../../support/paths'

export const screenshotsDir = path.join(repoRoot, 'test/e2e/screenshots')

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean
  ) as string[]
  const found = candidates.find((c) => existsSync(c))
  if (!found) throw new Error('Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.')
  return found
}

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
export async function startTestApp(userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-'))): Promise<WebApp> {
  const staticDir = path.join(repoRoot, 'out/renderer')
  if (!existsSync(path.join(staticDir, 'index.html'))) throw new Error('Run `npm run build` before the E2E suite.')
  return startWebApp({ staticDir, userDataDir, demo: { listings: 1000 } })
}

export async function openApp(browser: Browser, app: WebApp, scheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme })
  const page = await context.newPage()
  await page.goto(app.server.url)
  return page
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true })
  const file = path.join(screenshotsDir, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** The page in the light and then the dark theme, same state twice: `<name>-light.png`, `<name>-dark.png`. */
export async function screenshotThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme)
    // Monaco recolours its tokens for the new theme on its next frames
    await page.waitForTimeout(200)
    await screenshot(page, `${name}-${scheme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** One web-mode app (with its Demo MLS) and one browser for a test file, started before and closed after it. */
export function useAppAndBrowser(): { app: () => WebApp; browser: () => Browser } {
  let app: WebApp | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    app = await startTestApp()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })
  return { app: () => app!, browser: () => browser! }
}
