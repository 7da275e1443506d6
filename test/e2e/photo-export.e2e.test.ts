// Issue 9 in a real browser: from a RETS result, the photo export dialog (listings from the result's key column,
// object types from the metadata, naming pattern with its live example), the progress panel while the Demo MLS is
// slowed down, and the summary with its thumbnail strip. Screenshots in light and dark.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `photo-export-${step}`)

describe('photo export (web mode + Demo MLS)', () => {
  it('exports the photos of a result with progress, summary and thumbnails', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const demo = e2e.app().workbench.demo!.server

    await page.getByTestId('profile-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="connected"]').waitFor()
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.locator('label', { hasText: 'Limit' }).locator('input').fill('12')
    await tab.getByTestId('run-query').click()
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    await page.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()

    // the dialog: keys from the result's KeyField column, Photo preselected from the OBJECT metadata
    await page.getByTestId('results-photos').click()
    const dialog = page.getByTestId('photo-export-dialog')
    await dialog.getByTestId('photo-export-form').waitFor()
    expect(await dialog.getByTestId('photo-key-column').inputValue()).toBe('LIST_1')
    expect(await dialog.locator('.chip.on').allInnerTexts()).toEqual(['Photo'])
    const destination = mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-photos-'))
    await dialog.getByTestId('photo-destination').fill(destination)
    await dialog.getByTestId('photo-pattern').fill('{ListingKey}/{Order:2}-{Description}.{ext}')
    await expect
      .poll(() => dialog.getByTestId('photo-pattern-example').innerText(), { timeout: 5000 })
      .toContain('20000123/01-Front of house.jpg')
    await dialog.getByTestId('photo-mode').selectOption('single')
    await dialog.locator('label', { hasText: 'Listings per request' }).locator('input').fill('1')
    await dialog.locator('label', { hasText: 'Parallel downloads' }).locator('input').fill('1')
    await shoot(page, '01-dialog')

    // progress: a slow server keeps the job running long enough to see it
    demo.ctx.setFaults({ slowMs: 120 })
    await dialog.getByTestId('photo-export-start').click()
    const progress = dialog.getByTestId('photo-export-progress')
    await expect
      .poll(async () => (await progress.innerText()).match(/listing (\d+)\/12/)?.[1] ?? '0', { timeout: 15_000 })
      .not.toBe('0')
    await expect.poll(() => progress.innerText(), { timeout: 15_000 }).toMatch(/\d+ written/)
    await shoot(page, '02-progress')
    demo.ctx.setFaults({ slowMs: 0 })

    // summary: counts, the folder, the error rows of photos the server withholds, thumbnails of the first files
    const summary = dialog.getByTestId('photo-export-summary')
    await summary.waitFor({ timeout: 60_000 })
    await summary.getByText('Export finished').waitFor()
    expect(await summary.getByTestId('photo-summary-folder').innerText()).toBe(destination)
    const thumbs = summary.locator('[data-testid="photo-thumbnails"] img')
    await expect.poll(() => thumbs.count(), { timeout: 15_000 }).toBeGreaterThan(3)
    await expect
      .poll(() => thumbs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)))
      .toBe(true)
    await shoot(page, '03-summary')

    // the files on disk are the server's bytes, named by the pattern
    const manifest = readFileSync(path.join(destination, 'manifest.csv'), 'utf8').trim().split('\n')
    const written = manifest.filter((l) => l.includes(',written,'))
    expect(written.length).toBeGreaterThan(3)
    const firstKey = readdirSync(destination).find((d) => /^\d+$/.test(d))!
    const firstFile = readdirSync(path.join(destination, firstKey)).sort()[0]!
    expect(firstFile).toMatch(/^01-.+\.jpg$/)
    expect(readFileSync(path.join(destination, firstKey, firstFile))).toEqual(demo.ctx.data.photo(firstKey, 1, 'Photo'))

    await dialog.getByTestId('photo-export-close').click()
    await dialog.waitFor({ state: 'detached' })
    expect(errors).toEqual([])
    expect(await page.getByTestId('toast').count()).toBe(0)
    await page.context().close()
  })
})
