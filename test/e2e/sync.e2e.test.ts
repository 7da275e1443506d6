// The Sync tab of a RETS profile in a real browser against the Demo MLS: plan (every class A listing is new), run
// the sync into the profile's SQLite copy, plan again (nothing left), then the Local data view runs SQL typed in
// Monaco's SQL mode on the copy and the rows land in the results grid; bad SQL comes back as a clear message.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'
import { connect } from './support/workbench-page'

const e2e = useAppAndBrowser()
const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `sync-${step}`)

describe('Sync tab (web mode + Demo MLS)', () => {
  it('plans, runs and re-plans a RETS sync, then queries the local copy with SQL', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(45_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const ctx = e2e.app().workbench.demo!.server.ctx
    const classA = [...ctx.data.listings()].filter((l) => l.PropertyType === 'Residential').length

    // connecting opens the profile's first query tab in front: open the Sync tab once that has happened
    await connect(page, 'demo-rets')
    await page.getByTestId('sync-demo-rets').click()
    const tab = page.locator('[data-testid^="sync-tab-"]:visible')
    await tab.waitFor()
    await tab.getByTestId('sync-plan').click()
    await tab.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
    expect(await tab.getByTestId('sync-count-new').locator('.n').innerText()).toBe(classA.toLocaleString('en-US'))
    await shoot(page, '01-plan')

    await tab.getByTestId('sync-run').click()
    await tab.locator('[data-testid="sync-report"][data-action="run"]').waitFor()
    await tab.getByTestId('sync-runs').locator('tbody tr').first().waitFor()
    expect(await tab.getByTestId('sync-runs').locator('tbody tr').first().innerText()).toContain('done')
    await shoot(page, '02-run')

    await tab.getByTestId('sync-plan').click()
    await tab.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
    await expect
      .poll(() => tab.getByTestId('sync-count-unchanged').locator('.n').innerText())
      .toBe(classA.toLocaleString('en-US'))
    expect(await tab.getByTestId('sync-count-new').locator('.n').innerText()).toBe('0')

    // Local data: SQL on the copy, rows in the grid
    await tab.getByTestId('sync-view-local').click()
    await tab.getByTestId('local-tables').getByText('Property_A').waitFor()
    await tab.getByTestId('local-sql').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('SELECT LIST_1, LIST_22, _stamp FROM Property_A ORDER BY LIST_22 DESC LIMIT 25')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => tab.getByTestId('local-status').innerText()).toBe('25 rows in the grid')
    const grid = page.getByTestId('results-grid')
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    // Monaco's SQL mode: the model's language, and the text tokenised (keywords get their own token class)
    expect(await tab.locator('[data-mode-id="sql"]').count()).toBe(1)
    expect(await tab.locator('.mtk1, .mtk2, .mtk3, .mtk4, .mtk5, .mtk6, .mtk7, .mtk8').count()).toBeGreaterThan(1)
    await shoot(page, '03-local-data')

    // bad SQL: the database's words, said to be about the query, with what the tab runs
    await tab.getByTestId('local-sql').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('SELEC * FROM Property_A')
    await page.keyboard.press('Control+Enter')
    const error = tab.getByTestId('local-error')
    await error.waitFor()
    expect(await error.locator('strong').innerText()).toBe('The query failed: near "SELEC": syntax error')
    expect(await error.innerText()).toMatch(/SQLite SQL on the synced tables/)
    await shoot(page, '04-local-error')

    expect(errors).toEqual([])
    await page.context().close()
  })
})
