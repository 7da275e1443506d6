// The workbench end to end (issue 8, acceptance 1): web mode + Demo MLS in Debian chromium. One flow, and at each
// step the page is captured in the light AND the dark theme (the theme follows the emulated OS scheme), so the
// screenshots under test/e2e/screenshots/workbench-<step>-<theme>.png show exactly the same state twice.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'
import { connect, frontTab } from './support/workbench-page'

const e2e = useAppAndBrowser()

const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `workbench-${step}`)

async function tabIdOf(tab: Locator): Promise<string> {
  return (await tab.getAttribute('data-testid'))!.replace('query-tab-', '')
}

/** Opens the suggestion widget at the cursor and returns its labels, retrying while lazily loaded lookups arrive. */
async function suggestions(page: Page, expected: string): Promise<string[]> {
  let labels: string[] = []
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.keyboard.press('Control+Space')
    const widget = page.locator('.suggest-widget.visible')
    await widget.waitFor()
    await page.waitForTimeout(150)
    labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts()
    if (labels.includes(expected)) return labels
    await page.keyboard.press('Escape')
    await page.waitForTimeout(200)
  }
  return labels
}

async function editorText(tab: Locator): Promise<string> {
  return (await tab.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')
}

/** Every column of the result (the grid windows its columns, the column picker lists them all). */
async function columnNames(page: Page): Promise<string[]> {
  await page.getByTestId('column-picker').click()
  const names = await page.locator('[data-testid="results-grid"] .pop .item .mono').allInnerTexts()
  await page.getByTestId('column-picker').click()
  return names.map((t) => t.trim())
}

describe('workbench end to end (web mode + Demo MLS)', () => {
  it('connects, browses metadata, completes and checks DMQL, runs RETS, RESO and Spark queries', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(10_000)
    const toasts: string[] = []
    page.on('pageerror', (e) => toasts.push(`pageerror: ${e.message}`))
    await page.getByTestId('welcome').waitFor()
    await shoot(page, '01-welcome')

    // connect: RETS login, metadata summary, a query tab on Property
    await connect(page, 'demo-rets')
    const tab = await frontTab(page)
    await expect.poll(() => page.getByTestId('metadata-origin').innerText()).toBe('live')

    // metadata tree: resource → class → fields
    const tree = page.getByTestId('metadata-tree')
    const resourceRow = tree.locator('[data-testid="tree-row"][data-kind="resource"]', { hasText: 'Property' })
    await resourceRow.locator('.twisty').click()
    const classRow = tree.locator('[data-testid="tree-row"][data-kind="class"]').first()
    await classRow.waitFor()
    await classRow.locator('.twisty').click()
    const fieldRow = tree.locator('[data-testid="tree-row"][data-kind="field"]', { hasText: 'LIST_15' })
    await fieldRow.waitFor()
    expect(await tree.locator('[data-testid="tree-row"][data-kind="field"]').count()).toBeGreaterThan(5)
    await fieldRow.click()
    // a click on a field brings its details tab to the front
    await page.locator('[data-testid="tab-details"][aria-selected="true"]').waitFor()
    await page.getByTestId('metadata-details').getByText('StandardStatus').first().waitFor()
    await page.getByTestId('lookup-values').getByText('Active Under Contract').waitFor()
    await shoot(page, '02-metadata-tree')

    // the metadata report: every field and lookup value in a workbook
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'mlswb-e2e-report-')), 'demo-rets.xlsx')
    await page.getByTestId('metadata-report-open').click()
    await page.getByTestId('metadata-report-path').fill(report)
    await shoot(page, '02b-metadata-report')
    await page.getByTestId('metadata-report-run').click()
    await expect.poll(() => existsSync(report), { timeout: 15_000 }).toBe(true)
    expect(readFileSync(report).subarray(0, 2).toString()).toBe('PK')
    await page.getByTestId(`tab-${await tabIdOf(tab)}`).click()

    // query editor: completion of field names (SystemName and StandardName) …
    await tab.getByTestId('query-editor').click()
    await expect.poll(() => editorText(tab)).toBe('(LIST_22=0+)') // the starter query from the class's fields
    await page.keyboard.press('End')
    await page.keyboard.type(',(')
    const fieldLabels = await suggestions(page, 'LIST_15')
    expect(fieldLabels).toEqual(expect.arrayContaining(['LIST_15', 'LIST_22']))
    // StandardNames is off: the server knows only SystemNames, so only those are offered
    expect(fieldLabels).not.toContain('StandardStatus')
    await shoot(page, '03-complete-fields')
    await page.keyboard.press('Escape')

    // … and lookup values of the field before the cursor
    await page.keyboard.type('LIST_15=|')
    const valueLabels = await suggestions(page, 'OV61GOJ13C0')
    expect(valueLabels).toEqual(expect.arrayContaining(['OV61GOJ13C0', 'OV61GOJ13C1', 'OV61GOJ13C3']))
    expect(valueLabels).not.toContain('LIST_22') // values only, not fields, after `=|`
    // every code shows its long value beside it (codes like these mean nothing on their own)
    expect(await page.locator('.suggest-widget.visible .details-label:visible').allInnerTexts()).toEqual(
      expect.arrayContaining(['Active', 'Active Under Contract', 'Closed'])
    )
    await shoot(page, '04-complete-lookup-values')
    await page.keyboard.press('Escape')
    await page.keyboard.type('OV61GOJ13C0)')

    // diagnostics as you type: an unknown field gets an error marker whose hover names it
    await page.keyboard.type(',(NoSuchField=1)')
    const squiggle = tab.locator('.squiggly-error')
    // markers follow typing after a short debounce: wait for the one under the whole unknown name
    await expect.poll(async () => (await squiggle.first().boundingBox())?.width ?? 0).toBeGreaterThan(60)
    const box = (await squiggle.first().boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2) // the text layer sits above the marker
    await page.locator('.monaco-hover:visible', { hasText: "Unknown field 'NoSuchField'" }).waitFor()
    await shoot(page, '05-diagnostic')

    // remove the bad condition again: the marker goes away
    await page.mouse.move(0, 0)
    await page.keyboard.press('Control+End')
    for (let i = 0; i < ',(NoSuchField=1)'.length; i++) await page.keyboard.press('Backspace')
    await expect.poll(() => editorText(tab)).toBe('(LIST_22=0+),(LIST_15=|OV61GOJ13C0)')
    await expect.poll(() => squiggle.count()).toBe(0)

    // run with Ctrl+Enter: rows in the grid
    await page.keyboard.press('Control+Enter')
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    const grid = page.getByTestId('results-grid')
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    const total = Number((await page.getByTestId('result-count').innerText()).replace(/[^\d].*$/s, '').trim())
    expect(total).toBeGreaterThan(0)
    expect(await columnNames(page)).toEqual(expect.arrayContaining(['LIST_1', 'LIST_15', 'LIST_22']))
    await shoot(page, '06-results')

    // raw view: the COMPACT body as the server sent it, with the request line
    await page.getByTestId('tab-raw').click()
    const body = page.getByTestId('raw-body')
    await body.getByText('<COLUMNS>', { exact: false }).first().waitFor()
    // the body is an editor that only renders the lines in view: the head of the COMPACT reply
    const head = (await body.innerText()).replace(/\s+/g, ' ')
    for (const part of ['<RETS ReplyCode="0"', '<DELIMITER value="09"/>', '<COLUMNS> LIST_1 LIST_105 LIST_15 '])
      expect(head).toContain(part)
    expect(await page.getByTestId('raw-request-line').innerText()).toContain('Search')
    await shoot(page, '07-raw-compact')
    // the panel maximized: the editors step aside for a long body
    await page.getByTestId('panel-maximize').click()
    await expect.poll(() => tab.isVisible()).toBe(false)
    await shoot(page, '07b-raw-maximized')
    await page.getByTestId('panel-maximize').click()
    await tab.waitFor()

    // RESO Web API: an OData query with $expand=Media
    await connect(page, 'demo-reso')
    const reso = await frontTab(page, tab)
    await reso.getByTestId('param-resource').waitFor()
    expect(await reso.getByTestId('param-resource').inputValue()).toBe('Property')
    await reso.locator('label', { hasText: '$top' }).locator('input').fill('10')
    await reso.locator('label', { hasText: '$expand' }).locator('input').fill('Media')
    await reso.getByTestId('query-editor').click()
    await page.keyboard.type('ListPrice gt 0')
    await page.waitForTimeout(300)
    expect(await reso.locator('.squiggly-error').count()).toBe(0)
    await page.getByTestId('tab-results').click()
    await reso.getByTestId('run-query').click()
    await reso.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    expect(Number((await page.getByTestId('result-count').innerText()).replace(/[^\d].*$/s, ''))).toBe(10)
    const resoColumns = await columnNames(page)
    expect(resoColumns).toEqual(expect.arrayContaining(['ListingKey', 'ListPrice', 'Media']))
    // scroll to the expanded Media column: its cell holds the listing's media records
    await grid.locator('.viewport').evaluate((el) => (el.scrollLeft = el.scrollWidth))
    const mediaCell = grid.locator('[data-testid="grid-row"][data-index="0"] .cell').last()
    await expect.poll(() => grid.locator('.head .th').last().innerText()).toBe('Media')
    const media = JSON.parse(await mediaCell.innerText()) as { MediaURL: string; MediaCategory: string }[]
    expect(media.length).toBeGreaterThan(0)
    expect(media[0]!.MediaCategory).toBe('Photo')
    expect(media[0]!.MediaURL).toMatch(/\/rets\/media\/\w+\/Photo\/1\.jpg$/)
    await shoot(page, '08-odata-expand-media')

    // Spark: a query tab with the Spark parameters
    await connect(page, 'demo-spark')
    const spark = await frontTab(page, reso)
    await spark.locator('label', { hasText: '_expand' }).waitFor()
    // _filter is optional: the empty editor carries no error marker
    await spark.getByTestId('query-editor').click()
    await page.waitForTimeout(300)
    expect(await spark.locator('.squiggly-error').count()).toBe(0)
    await spark.getByTestId('run-query').click()
    await spark.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    expect(await columnNames(page)).toEqual(expect.arrayContaining(['ListingKey']))
    await shoot(page, '09-spark')

    expect(toasts).toEqual([])
    expect(await page.getByTestId('toast').count()).toBe(0)
    await page.context().close()
  })
})
