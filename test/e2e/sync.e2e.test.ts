// The Sync tab of a RETS profile in a real browser against the Demo MLS: plan (every class A listing is new), run
// the sync into the profile's SQLite copy, plan again (nothing left), then the Local data view runs SQL typed in
// Monaco's SQL mode on the copy and the rows land in the results grid; bad SQL comes back as a clear message. The
// plan names its records: the first plan's new bucket lists the first keys and how many more; after admin changes
// to the Demo MLS the buckets list exactly the added, updated and deleted listings, and Copy copies them.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'
import { connect } from './support/workbench-page'
import { PLAN_KEYS_LISTED } from '../../contract/sync-channels'

const e2e = useAppAndBrowser()
const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `sync-${step}`)

describe('Sync tab (web mode + Demo MLS)', () => {
  it('plans, runs and re-plans a RETS sync, then queries the local copy with SQL', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(45_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const ctx = e2e.app().workbench.demo!.server.ctx
    const residential = [...ctx.data.listings()].filter((l) => l.PropertyType === 'Residential')
    const classA = residential.length

    // connecting opens the profile's first query tab in front: open the Sync tab once that has happened
    await connect(page, 'demo-rets')
    await page.getByTestId('sync-demo-rets').click()
    const tab = page.locator('[data-testid^="sync-tab-"]:visible')
    await tab.waitFor()
    const listed = (bucket: string): Promise<string[]> =>
      tab.getByTestId(`sync-keys-${bucket}`).locator('li').allInnerTexts()
    await tab.getByTestId('sync-plan').click()
    await tab.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
    expect(await tab.getByTestId('sync-count-new').locator('.n').innerText()).toBe(classA.toLocaleString('en-US'))
    await tab.getByTestId('sync-count-new').click()
    expect(await listed('new')).toHaveLength(PLAN_KEYS_LISTED)
    expect(await tab.getByTestId('sync-keys-more-new').innerText()).toBe(
      `and ${(classA - PLAN_KEYS_LISTED).toLocaleString('en-US')} more`
    )
    await shoot(page, '01-plan')
    await tab.getByTestId('sync-count-new').click()

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

    // the Demo MLS changes through its admin API: one listing added, three updated, two deleted
    const admin = async (method: string, pathname: string, body?: unknown): Promise<{ ListingKey?: string }> => {
      const res = await fetch(`${e2e.app().workbench.demo!.server.url}${pathname}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {})
      })
      expect(res.status).toBeLessThan(300)
      return (await res.json()) as { ListingKey?: string }
    }
    const keys = residential.map((l) => l.ListingKey).sort()
    const added = await admin('POST', '/admin/listings', { PropertyType: 'Residential', ListPrice: 432100 })
    for (const key of keys.slice(10, 13)) await admin('PATCH', `/admin/listings/${key}`, { ListPrice: 999000 })
    for (const key of keys.slice(20, 22)) await admin('DELETE', `/admin/listings/${key}`)

    await tab.getByTestId('sync-plan').click()
    await expect.poll(() => tab.getByTestId('sync-count-updated').locator('.n').innerText()).toBe('3')
    expect(await tab.getByTestId('sync-count-unchanged').locator('.n').innerText()).toBe(
      (classA - 5).toLocaleString('en-US')
    )
    for (const bucket of ['new', 'updated', 'deleted']) await tab.getByTestId(`sync-count-${bucket}`).click()
    expect(await listed('new')).toEqual([added.ListingKey])
    expect((await listed('updated')).sort()).toEqual(keys.slice(10, 13))
    expect((await listed('deleted')).sort()).toEqual(keys.slice(20, 22))
    expect(await tab.locator('[data-testid^="sync-keys-more-"]').count()).toBe(0)
    // unchanged is counted, never listed
    expect(await tab.getByTestId('sync-count-unchanged').evaluate((el) => el.tagName)).toBe('DIV')

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await tab.getByTestId('sync-keys-copy-deleted').click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe((await listed('deleted')).join('\n'))
    await page.getByText('Copied 2 deleted keys').waitFor()
    await shoot(page, '03-plan-keys')

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
    await shoot(page, '04-local-data')

    // bad SQL: the database's words, said to be about the query, with what the tab runs
    await tab.getByTestId('local-sql').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('SELEC * FROM Property_A')
    await page.keyboard.press('Control+Enter')
    const error = tab.getByTestId('local-error')
    await error.waitFor()
    expect(await error.locator('strong').innerText()).toBe('The query failed: near "SELEC": syntax error')
    expect(await error.innerText()).toMatch(/SQLite SQL on the synced tables/)
    await shoot(page, '05-local-error')

    expect(errors).toEqual([])
    await page.context().close()
  })
})
