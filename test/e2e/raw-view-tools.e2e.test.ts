// The raw view's tools in chromium (issue 18): "Copy as ▾" puts a runnable curl/PowerShell/fetch command on the
// clipboard (secrets as variables, never "[redacted]"), "Save body…" writes the body to the typed path, and a
// GetObject multipart reply shows its photos as thumbnails. Screenshots, light and dark:
// test/e2e/screenshots/raw-tools-{copy-menu,images}-{light,dark}.png.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { RetsSession } from '../../src-main/protocols/rets/rets-session'

const e2e = useAppAndBrowser()

describe('raw view tools', () => {
  it('copies a runnable command, saves the body, previews GetObject photos', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId('profile-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="connected"]').waitFor()
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.getByTestId('run-query').click()
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    await page.getByTestId('tab-raw').click()
    await page.getByTestId('raw-body').getByText('<COLUMNS>', { exact: false }).first().waitFor()

    await page.getByTestId('copy-as').click()
    await page.getByTestId('copy-as-curl').waitFor()
    await page.mouse.move(0, 0)
    await screenshotThemes(page, 'raw-tools-copy-menu')
    await page.getByTestId('copy-as-curl').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('/rets/Login')
    const curl = await page.evaluate(() => navigator.clipboard.readText())
    expect(curl).toContain('--digest -u "$MLS_USER:$MLS_PASSWORD"')
    expect(curl).toContain('-c "$JAR" -b "$JAR"')
    expect(curl).not.toContain('[redacted]')

    const dir = mkdtempSync(path.join(os.tmpdir(), 'raw-save-'))
    const target = path.join(dir, 'search.xml')
    await page.getByTestId('save-body').click()
    await page.getByTestId('save-body-path').fill(target)
    await page.getByTestId('save-body-ok').click()
    await page.getByText(`to ${target}`).first().waitFor()
    expect(existsSync(target) && readFileSync(target, 'utf8')).toContain('<COLUMNS>')

    // a GetObject multipart reply in the same wire log (made from the test: no view fetches every photo at once)
    const app = e2e.app()
    const demo = app.workbench.demo!.server
    const session = new RetsSession(
      {
        loginUrl: `${demo.url}/rets/Login`,
        retsVersion: '1.7.2',
        username: 'demo',
        password: 'demo-pass',
        userAgent: 'MLSWorkbench/1.0',
        uaPassword: 'demo-ua-pass'
      },
      new HttpClient({ wireLog: app.workbench.wireLog })
    )
    await session.login()
    const key = [...demo.ctx.data.listings()].find((l) => l.PhotosCount >= 3)!.ListingKey
    await (await session.transaction('GetObject', { Resource: 'Property', Type: 'Photo', ID: `${key}:*` })).discard()
    await page.getByTestId('wire-list').locator('button[title="Refresh"]').click()
    await page.getByTestId('wire-item').filter({ hasText: 'GetObject' }).first().click()
    await expect.poll(() => page.getByTestId('raw-image').count()).toBeGreaterThanOrEqual(3)
    await page.getByTestId('raw-image').first().click()
    await page.getByTestId('raw-image-large').waitFor()
    await page.mouse.move(0, 0)
    await screenshotThemes(page, 'raw-tools-images')
  })
})
