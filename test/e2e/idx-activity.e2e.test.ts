// An IDX API profile's Sync tab and the Listing Activity composer in a real browser against the Demo MLS: plan the
// Property SearchType (every active listing new), run it into the local copy, change a listing on the server and
// see exactly one update, plan another SearchType, query the copy; compose a ViewTracking upload, see validation
// name the field, send it and read the server's reply.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()
const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `idx-activity-${step}`)

describe('IDX sync and Listing Activity (web mode + Demo MLS)', () => {
  it('plans, runs and re-plans an IDX sync; validates and sends an activity upload', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const ctx = e2e.app().workbench.demo!.server.ctx
    const inFeed = [...ctx.data.listings()].filter((l) =>
      ['Active', 'ActiveUnderContract', 'Pending'].includes(l.StandardStatus)
    )

    // IDX: a click on the profile opens its Sync tab; the first plan finds every active listing new
    await page.getByTestId('profile-demo-idx').click()
    const idx = page.locator('[data-testid^="sync-tab-"]:visible')
    await idx.waitFor()
    expect(await idx.getByTestId('sync-search-type').inputValue()).toBe('Property')
    await idx.getByTestId('sync-plan').click()
    await idx.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
    expect(await idx.getByTestId('sync-count-new').locator('.n').innerText()).toBe(
      inFeed.length.toLocaleString('en-US')
    )

    // run: the feed into the local copy; then one price change on the server is exactly one update
    await idx.getByTestId('sync-run').click()
    await idx.locator('[data-testid="sync-report"][data-action="run"]').waitFor()
    expect(await idx.getByTestId('sync-count-new').locator('.n').innerText()).toBe(
      inFeed.length.toLocaleString('en-US')
    )
    const changed = inFeed[3]!
    ctx.data.update(changed.ListingKey, { ListPrice: changed.ListPrice + 1000 })
    await idx.getByTestId('sync-plan').click()
    await idx.locator('[data-testid="sync-report"][data-action="plan"]').waitFor()
    await expect.poll(() => idx.getByTestId('sync-count-updated').locator('.n').innerText()).toBe('1')
    expect(await idx.getByTestId('sync-count-unchanged').locator('.n').innerText()).toBe(
      (inFeed.length - 1).toLocaleString('en-US')
    )
    await shoot(page, '01-idx-plan')

    // another SearchType is another target: the Agent plan starts from an empty table
    await idx.getByTestId('sync-search-type').selectOption('Agent')
    await idx.getByTestId('sync-plan').click()
    await expect.poll(() => idx.getByTestId('sync-report').locator('h3').innerText()).toContain('Plan · Agent')
    const agents = ctx.data.agents().filter((m) => m.MemberStatus === 'Active').length
    expect(await idx.getByTestId('sync-count-new').locator('.n').innerText()).toBe(agents.toLocaleString('en-US'))

    // Local data: the synced IDX records, their nested elements as columns
    await idx.getByTestId('sync-view-local').click()
    await idx.getByTestId('local-tables').getByText('Property').waitFor()
    await idx.getByTestId('local-sql').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type(
      'SELECT "ID", "Price", "Address.City", _stamp FROM "Property" ORDER BY _stamp DESC LIMIT 10'
    )
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => idx.getByTestId('local-status').innerText()).toBe('10 rows in the grid')
    await page.getByTestId('results-grid').locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    await shoot(page, '02-idx-local-data')

    // Listing Activity: a views upload with a bad row is refused before sending, with the field named
    await page.getByTestId('profile-demo-activity').click()
    const act = page.locator('[data-testid^="activity-tab-"]:visible')
    await act.waitFor()
    await act.getByTestId('activity-kind-views').click()
    await act.getByTestId('activity-view-date').fill('2026-11-20')
    await act.getByTestId('activity-row-0-key').fill(inFeed[0]!.ListingKey)
    await act.getByTestId('activity-row-0-count').fill('3')
    await act.getByTestId('activity-add-row').click()
    await act.getByTestId('activity-row-1-count').fill('2')
    await act.getByTestId('activity-validate').click()
    await act.locator('[data-testid="activity-verdict"][data-valid="false"]').waitFor()
    await act.locator('[data-testid^="issues-views[0].listings[1]"]').first().waitFor()
    await shoot(page, '03-activity-invalid')

    // fix it and send: the server records both listings' views
    await act.getByTestId('activity-row-1-key').fill(inFeed[1]!.ListingKey)
    await act.getByTestId('activity-send').click()
    await act.locator('[data-testid="activity-reply"][data-ok="true"]').waitFor()
    expect(await act.getByTestId('activity-reply-status').innerText()).toContain('200')
    await shoot(page, '04-activity-sent')

    expect(errors).toEqual([])
    await page.context().close()
  })
})
