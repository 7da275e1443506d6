// Steps every workbench E2E takes: connect a profile from the sidebar and find the query tab in front.
import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'

export async function connect(page: Page, profileId: string): Promise<void> {
  await page.getByTestId(`profile-${profileId}`).click()
  await page.locator(`[data-testid="profile-${profileId}"][data-status="connected"]`).waitFor()
}

/** The query tab in front (query tabs stay mounted while hidden), as a locator that keeps pointing at it. */
export async function frontTab(page: Page, not?: Locator): Promise<Locator> {
  const visible = page.locator('[data-testid^="query-tab-"]:visible')
  const before = not ? await not.getAttribute('data-testid') : null
  await expect.poll(() => visible.getAttribute('data-testid')).not.toBe(before)
  return page.getByTestId((await visible.getAttribute('data-testid'))!)
}
