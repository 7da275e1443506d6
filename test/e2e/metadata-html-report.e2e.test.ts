// The HTML data dictionary opened in chromium as a recipient would open the mailed file: offline, from file://,
// with nothing but the file itself loaded; search filters rows and opens the groups that match; collapse and
// expand; light and dark screenshots.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { repoRoot } from '../support/paths'
import { launchBrowser, screenshot } from './support/browser'

let browser: Browser
let report: string

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlswb-html-report-'))
  report = path.join(dir, 'dictionary.html')
  const r = spawnSync(
    process.execPath,
    ['bin/mlswb.mjs', 'report', 'demo-rets', '--out', report, '--quiet', '--user-data', dir],
    { cwd: repoRoot, encoding: 'utf8' }
  )
  if (r.status !== 0) throw new Error(r.stderr)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('HTML metadata report', () => {
  it('works offline with no request but the file, searches, collapses, in light and dark', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true })
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (req) => requests.push(req.url()))
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(pathToFileURL(report).href)
    await page.waitForFunction(() => /\d+ rows/.test(document.getElementById('count')?.textContent ?? ''))
    const total = Number((await page.textContent('#count'))!.match(/(\d+) rows/)![1])
    expect(total).toBeGreaterThan(100)

    await page.emulateMedia({ colorScheme: 'light' })
    await screenshot(page, 'metadata-html-report-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(darkBg).toBe('rgb(20, 24, 31)')
    await screenshot(page, 'metadata-html-report-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    await page.fill('#q', 'list_22')
    await expect.poll(() => page.textContent('#count')).toMatch(/^[1-9]\d* of \d+ rows match$/)
    const visibleRows = await page.locator('tr[data-row]:visible').allTextContents()
    expect(visibleRows.length).toBeGreaterThan(0)
    for (const row of visibleRows) expect(row.toLowerCase()).toContain('list_22')
    await screenshot(page, 'metadata-html-report-search')

    await page.fill('#q', '')
    await page.click('#collapse')
    expect(await page.locator('details[data-group][open]').count()).toBe(0)
    await page.click('#expand')
    expect(await page.locator('details[data-group]:not([open])').count()).toBe(0)

    expect(requests).toEqual([pathToFileURL(report).href])
    expect(errors).toEqual([])
    await context.close()
  })
})
