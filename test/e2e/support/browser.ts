// What every E2E file uses: the app and browser per file (web-app.ts starts them), screenshots in both themes.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { WebApp } from '../../../src-main/shells/web/start-web'
import { repoRoot } from '../../support/paths'
import { launchBrowser, startTestApp } from './web-app'

export { launchBrowser, openApp, startTestApp } from './web-app'
export { chromiumPath } from './prerequisites'

export const screenshotsDir = path.join(repoRoot, 'test/e2e/screenshots')

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
