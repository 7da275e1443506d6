// The quick switcher in the browser (issue 18): Ctrl+P over the connected Demo RETS, a field found by a few of its
// letters, Enter shows its details. Screenshots of the open switcher in light and dark.
import { describe, expect, it } from 'vitest'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

describe('quick switcher', () => {
  it('finds a field of the connected profile and opens its details; a profile connects', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId('profile-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="connected"]').waitFor()
    await page.locator('[data-testid^="query-tab-"]:visible').waitFor()

    await page.keyboard.press('Control+p')
    const switcher = page.getByTestId('quick-switcher')
    await switcher.waitFor()
    await switcher.getByTestId('switch-item').filter({ hasText: 'LIST_15' }).first().waitFor()
    await page.getByTestId('switch-query').fill('list15')
    await expect.poll(() => switcher.getByTestId('switch-item').first().locator('.title').textContent()).toBe('LIST_15')
    await page.mouse.move(0, 0)
    await screenshotThemes(page, 'quick-switcher-field')
    await page.keyboard.press('Enter')
    await switcher.waitFor({ state: 'detached' })
    await page.getByTestId('lookup-values').waitFor()

    await page.keyboard.press('Control+p')
    await page.getByTestId('switch-query').fill('demo reso')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="profile-demo-reso"][data-status="connected"]').waitFor()
    await page.context().close()
  })
})
