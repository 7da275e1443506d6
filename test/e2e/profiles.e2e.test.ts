// Issue 7 in a real browser: create a RETS profile, store its password, restart web mode on the same user-data
// folder, connect without retyping it; and a failed "Test connection" with its hint.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startDemoMls, type DemoMls } from '../../demo-mls/server'
import type { WebApp } from '../../src-main/shells/web/start-web'
import { launchBrowser, openApp, screenshot, startTestApp } from './support/browser'

let browser: Browser
let demo: DemoMls
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-profiles-'))
const apps: WebApp[] = []

beforeAll(async () => {
  // a server of its own, so it outlives the app restarts below
  demo = await startDemoMls({ listings: 300 })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  for (const a of apps) await a.close().catch(() => undefined)
  await demo?.close()
})

async function start(): Promise<WebApp> {
  const app = await startTestApp(userDataDir)
  apps.push(app)
  return app
}

async function fill(page: Page, testid: string, value: string): Promise<void> {
  await page.getByTestId(testid).fill(value)
}

describe('connection profiles', () => {
  it('creates a RETS profile, keeps its password in the keychain across a restart, and connects', async () => {
    let app = await start()
    if (!app.workbench.secrets.info().persistent) {
      if (process.env.MLSWB_REQUIRE_KEYCHAIN === '1')
        throw new Error(`No persistent keychain: ${JSON.stringify(app.workbench.secrets.info())}`)
      console.warn('skipped: secrets cannot persist here —', app.workbench.secrets.info().summary)
      return
    }
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(browser, app, scheme)
      await page.getByTestId('new-profile').click()
      await page.getByTestId('new-profile-rets').click()
      await page.getByTestId('profile-editor').waitFor()
      await fill(page, 'pf-name', 'Acme MLS')
      await fill(page, 'pf-loginUrl', `${demo.url}/rets/Login`)
      await fill(page, 'pf-userName', 'demo')
      await fill(page, 'secret-password', 'demo-pass')
      await screenshot(page, `profile-editor-${scheme}`)
      if (scheme === 'dark') {
        await page.context().close()
        break
      }
      await page.getByTestId('profile-save').click()
      await page.getByTestId('profile-editor').waitFor({ state: 'detached' })
      await page.getByTestId('profile-acme-mls').waitFor()
      await page.context().close()
    }
    expect(await app.workbench.secrets.get('acme-mls', 'password')).toBe('demo-pass')

    // restart: a new main process (web mode) on the same user-data folder
    await app.close()
    apps.length = 0
    app = await start()
    const page = await openApp(browser, app, 'light')
    await page.getByTestId('profile-acme-mls').click()
    await page.locator('[data-testid="profile-acme-mls"][data-status="connected"]').waitFor({ timeout: 15_000 })
    await page.getByTestId('edit-profile-acme-mls').click()
    await page.getByTestId('secret-stored-password').waitFor()
    // the page never receives the stored value
    expect(await page.content()).not.toContain('demo-pass')
    await page.context().close()
  })

  it('shows which step of "Test connection" failed, with a hint', async () => {
    const app = apps[0] ?? (await start())
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(browser, app, scheme)
      await page.getByTestId('new-profile').click()
      await page.getByTestId('new-profile-rets').click()
      await fill(page, 'pf-name', `Wrong password ${scheme}`)
      await fill(page, 'pf-loginUrl', `${demo.url}/rets/Login`)
      await fill(page, 'pf-userName', 'demo')
      await fill(page, 'secret-password', 'not-the-password')
      await page.getByTestId('profile-test').click()
      const auth = page.getByTestId('step-auth')
      await auth.waitFor({ timeout: 15_000 })
      expect(await auth.getAttribute('class')).toContain('fail')
      for (const step of ['url', 'dns', 'tcp', 'http']) {
        expect(await page.getByTestId(`step-${step}`).getAttribute('class')).toContain('ok')
      }
      expect(await auth.locator('.hint').textContent()).toMatch(/\S/)
      await screenshot(page, `profile-test-failed-${scheme}`)
      await page.context().close()
    }
  })

  it('shows the schema’s words next to a bad field', async () => {
    const app = apps[0] ?? (await start())
    const page = await openApp(browser, app, 'light')
    await page.getByTestId('new-profile').click()
    await page.getByTestId('new-profile-rets').click()
    await fill(page, 'pf-name', 'Bad URL')
    await fill(page, 'pf-loginUrl', 'ftp://example.com/login')
    await fill(page, 'pf-userName', 'x')
    await page.getByTestId('profile-save').click()
    await page.getByText('must be an http:// or https:// URL').waitFor()
    await page.context().close()
  })
})
