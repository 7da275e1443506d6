// Issue 16 item 3 in a real browser, on a Demo MLS playing every RETS variation at once: GetObject parts come under
// a Content-ID that is none of the requested keys (rets-content-id-mismatch), METADATA-OBJECT is refused (Photo is
// offered all the same). The summary says the objects are unmatched and the listings not done; Resume asks the
// server for every one of them again, and once it files them right (the other variations still on) the export is
// exact. Screenshots in light and dark.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { parseQuirkList } from '../../demo-mls/quirks/quirk-catalogue'
import { basicOverHttpProfile } from './support/basic-over-http'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `photo-export-unmatched-${step}`)

describe('photo export with a Content-ID that matches no requested listing', () => {
  it('keeps the objects apart, says the listings are not done, and Resume asks for them again', async () => {
    const profileId = await basicOverHttpProfile(e2e.app())
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const demo = e2e.app().workbench.demo!.server
    const getObjectIds: string[] = []
    demo.server.on('request', (req) => {
      if (req.url?.startsWith('/rets/GetObject'))
        getObjectIds.push(new URL(req.url, demo.url).searchParams.get('ID') ?? '')
    })

    const allRets = parseQuirkList('rets-*')
    demo.ctx.setQuirks(allRets)
    await page.getByTestId(`profile-${profileId}`).click()
    await page.locator(`[data-testid="profile-${profileId}"][data-status="connected"]`).waitFor()
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.locator('label', { hasText: 'Limit' }).locator('input').fill('3')
    await tab.getByTestId('run-query').click()
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    await page.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()

    await page.getByTestId('results-photos').click()
    const dialog = page.getByTestId('photo-export-dialog')
    await dialog.getByTestId('photo-export-form').waitFor()
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-unmatched-'))
    await dialog.getByTestId('photo-destination').fill(destination)
    await dialog.getByTestId('photo-mode').selectOption('multipart')
    expect(await dialog.locator('.chip.on').allInnerTexts()).toEqual(['Photo'])

    try {
      await dialog.getByTestId('photo-export-start').click()
      const summary = dialog.getByTestId('photo-export-summary')
      await summary.waitFor({ timeout: 60_000 })
      await summary.getByText(/Export finished, 3 listings not done/).waitFor()
      const notice = summary.getByTestId('photo-summary-not-done')
      expect(await notice.innerText()).toMatch(/Content-ID that matches none of the requested listings/)
      expect(await notice.innerText()).toContain(path.join(destination, '_unmatched-content-id'))
      expect(Number(await summary.getByTestId('photo-summary-unmatched').innerText())).toBeGreaterThan(0)
      expect(await summary.getByTestId('photo-summary-errors').innerText()).toMatch(/sent no Photo for listing/)
      expect(existsSync(path.join(destination, '_unmatched-content-id'))).toBe(true)
      await shoot(page, '01-summary')
      expect(getObjectIds).toHaveLength(1)

      // Resume while the server still misfiles: every listing is asked for again, and is still not done
      await dialog.getByTestId('photo-export-resume').click()
      await summary.getByText(/Export finished, 3 listings not done/).waitFor({ timeout: 60_000 })
      await expect.poll(() => getObjectIds.length).toBe(2)
      expect(getObjectIds[1]).toBe(getObjectIds[0])
    } finally {
      demo.ctx.setQuirks(allRets.filter((q) => q !== 'rets-content-id-mismatch'))
    }

    // the server answers right: Resume writes every photo under its listing and nothing is left not done
    await dialog.getByTestId('photo-export-resume').click()
    await summaryIn(dialog)
      .getByText(/^Export finished$/)
      .waitFor({ timeout: 60_000 })
    await expect.poll(() => getObjectIds.length).toBe(3)
    expect(await dialog.getByTestId('photo-export-resume').count()).toBe(0)
    expect(await summaryIn(dialog).getByTestId('photo-summary-not-done').count()).toBe(0)
    const folders = readdirSync(destination).filter((d) => /^\d+$/.test(d))
    expect(folders.length).toBeGreaterThan(0)
    await shoot(page, '02-resumed')

    demo.ctx.setQuirks([])
    await dialog.getByTestId('photo-export-close').click()
    expect(errors).toEqual([])
    await page.context().close()
  })
})

function summaryIn(dialog: ReturnType<Page['getByTestId']>): ReturnType<Page['getByTestId']> {
  return dialog.getByTestId('photo-export-summary')
}
