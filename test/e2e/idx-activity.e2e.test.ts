// The IDX sync inspector and the Listing Activity composer in a real browser against the Demo MLS: compare the
// master list with the (empty) snapshot, apply it, change a listing on the server and see exactly that listing as
// updated; compose a ViewTracking upload, see validation name the field, send it and read the server's reply.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()
const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `idx-activity-${step}`)

describe('IDX sync and Listing Activity (web mode + Demo MLS)', () => {
  it('plans, applies and re-plans a sync; validates and sends an activity upload', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const ctx = e2e.app().workbench.demo!.server.ctx
    const inFeed = [...ctx.data.listings()].filter((l) =>
      ['Active', 'ActiveUnderContract', 'Pending'].includes(l.StandardStatus)
    )

    // IDX: first compare — the snapshot is empty, so every active listing is new
    await page.getByTestId('profile-demo-idx').click()
    const idx = page.locator('[data-testid^="idx-tab-"]:visible')
    await idx.waitFor()
    await idx.getByTestId('idx-plan').click()
    const report = idx.locator('[data-testid="idx-report"][data-action="plan"]')
    await report.waitFor()
    expect(await idx.getByTestId('idx-tile-new').getByTestId('idx-tile-count').innerText()).toBe(
      inFeed.length.toLocaleString('en-US')
    )

    // apply: fetch by ID, write the snapshot; then one price change on the server is exactly one update
    await idx.getByTestId('idx-apply').click()
    await idx.locator('[data-testid="idx-report"][data-action="apply"]').waitFor()
    const changed = inFeed[3]!
    ctx.data.update(changed.ListingKey, { ListPrice: changed.ListPrice + 1000 })
    await idx.getByTestId('idx-plan').click()
    await idx.locator('[data-testid="idx-report"][data-action="plan"]').waitFor()
    await expect.poll(() => idx.getByTestId('idx-tile-updated').getByTestId('idx-tile-count').innerText()).toBe('1')
    expect(await idx.getByTestId('idx-ids-updated').getByTestId('idx-id').allInnerTexts()).toEqual([changed.ListingKey])
    await shoot(page, '01-idx-plan')

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
    await shoot(page, '02-activity-invalid')

    // fix it and send: the server records both listings' views
    await act.getByTestId('activity-row-1-key').fill(inFeed[1]!.ListingKey)
    await act.getByTestId('activity-send').click()
    await act.locator('[data-testid="activity-reply"][data-ok="true"]').waitFor()
    expect(await act.getByTestId('activity-reply-status').innerText()).toContain('200')
    await shoot(page, '03-activity-sent')

    expect(errors).toEqual([])
    await page.context().close()
  })
})
