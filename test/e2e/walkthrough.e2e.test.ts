// A walkthrough of every view (issue 18, acceptance): at 1440×900 and 1024×700, each view captured in the light and
// the dark theme under test/e2e/screenshots/walkthrough-<width>-<view>-<theme>.png; at 1024×700 the toolbars, tab
// strips and the grid are checked on their bounding boxes: nothing sticks out of its bar or lies over a neighbour.
import { describe, expect, it } from 'vitest'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'
import { connect } from './support/workbench-page'
import { layoutProblems } from './support/layout-check'

const e2e = useAppAndBrowser()

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 }
] as const

describe('walkthrough of every view', () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}`, async () => {
      const page = await openApp(e2e.browser(), e2e.app(), 'light')
      page.setDefaultTimeout(15_000)
      await page.setViewportSize(size)
      const problems: string[] = []
      const view = async (name: string): Promise<void> => {
        await page.mouse.move(0, 0)
        await screenshotThemes(page, `walkthrough-${size.width}-${name}`)
        if (size.width === 1024) problems.push(...(await layoutProblems(page)).map((p) => `${name}: ${p}`))
      }

      await page.getByTestId('welcome').waitFor()
      await view('01-welcome')

      // RETS: a query tab, run, the grid
      await connect(page, 'demo-rets')
      const rets = page.locator('[data-testid^="query-tab-"]:visible')
      await rets.waitFor()
      await rets.getByTestId('run-query').click()
      await rets.locator('[data-testid="query-status"][data-state="done"]').waitFor()
      const grid = page.getByTestId('results-grid')
      await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
      await view('02-rets-results')

      // the record inspector beside the grid, on the first row
      await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().click()
      await page.getByTestId('inspector-toggle').click()
      await page.getByTestId('record-inspector').getByTestId('inspector-field').first().waitFor()
      await view('02b-record-inspector')
      await page.getByTestId('inspector-toggle').click()

      await page.getByTestId('tab-raw').click()
      await page.getByTestId('raw-body').getByText('<COLUMNS>', { exact: false }).first().waitFor()
      await view('03-raw')
      await page.getByTestId('tab-log').click()
      await view('04-log')
      await page.getByTestId('tab-results').click()

      // metadata tree and a field's details
      const tree = page.getByTestId('metadata-tree')
      await tree
        .locator('[data-testid="tree-row"][data-kind="resource"]', { hasText: 'Property' })
        .locator('.twisty')
        .click()
      const classRow = tree.locator('[data-testid="tree-row"][data-kind="class"]').first()
      await classRow.locator('.twisty').click()
      await tree.locator('[data-testid="tree-row"][data-kind="field"]', { hasText: 'LIST_15' }).click()
      await page.getByTestId('lookup-values').waitFor()
      await view('05-metadata-details')

      // the profile editor
      await page.getByTestId('new-profile').click()
      await page.getByTestId('new-profile-rets').click()
      await page.getByTestId('profile-editor').waitFor()
      await view('06-profile-editor')
      await page.getByTestId('profile-cancel').click()

      // photo export from the RETS result
      await page.locator('[data-testid^="tab-q"]').first().click()
      await page.getByTestId('results-photos').click()
      await page.getByTestId('photo-export-form').waitFor()
      await view('07-photo-export')
      await page.keyboard.press('Escape')
      await page.getByTestId('photo-export-dialog').waitFor({ state: 'detached' })

      // RESO and Spark query tabs
      await connect(page, 'demo-reso')
      const reso = page.locator('[data-testid^="query-tab-"]:visible')
      await reso.getByTestId('param-resource').waitFor()
      await reso.getByTestId('run-query').click()
      await reso.locator('[data-testid="query-status"][data-state="done"]').waitFor()
      await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
      await view('08-reso-results')
      await connect(page, 'demo-spark')
      const spark = page.locator('[data-testid^="query-tab-"]:visible', { hasText: '_expand' })
      await spark.getByTestId('run-query').click()
      await spark.locator('[data-testid="query-status"][data-state="done"]').waitFor()
      await view('09-spark-results')

      // the IDX profile's Sync tab and the Listing Activity composer (no bottom panel of their own)
      await page.getByTestId('profile-demo-idx').click()
      const idx = page.locator('[data-testid^="sync-tab-"]:visible')
      await idx.getByTestId('sync-plan').click()
      await idx.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
      await view('10-idx-sync')
      await page.getByTestId('profile-demo-activity').click()
      await page.locator('[data-testid^="activity-tab-"]:visible').waitFor()
      await view('11-activity')

      expect(problems).toEqual([])
      await page.context().close()
    })
  }
})
