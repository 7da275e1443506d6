// Photo thumbnails in the record inspector (issue 18): a Demo RESO query with $expand=Media, a row selected, its
// photos shown as thumbnails (fetched by main, as the page's CSP admits no remote image) and one opened large.
import { describe, expect, it } from 'vitest'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

describe('inspector photo thumbnails', () => {
  it('shows the Media photos of the selected RESO row and opens one large', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByTestId('profile-demo-reso').click()
    await page.locator('[data-testid="profile-demo-reso"][data-status="connected"]').waitFor()
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.getByTestId('param-resource').waitFor()
    await tab.getByPlaceholder('Media').fill('Media')
    await tab.getByTestId('run-query').click()
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    const grid = page.getByTestId('results-grid')
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().click()
    await page.getByTestId('inspector-toggle').click()
    const thumbs = page.getByTestId('record-inspector').getByTestId('inspector-thumb')
    await thumbs.first().waitFor()
    const src = await thumbs.first().locator('img').getAttribute('src')
    expect(src?.startsWith('data:image/jpeg;base64,')).toBe(true)
    // the image decoded: a real photo, not a broken-image icon
    await expect
      .poll(() =>
        thumbs
          .first()
          .locator('img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth)
      )
      .toBeGreaterThan(10)
    await page.mouse.move(0, 0)
    await screenshotThemes(page, 'inspector-thumbnails')
    await thumbs.first().click()
    await page.getByTestId('photo-viewer').waitFor()
    await screenshotThemes(page, 'inspector-photo-viewer')
    await page.keyboard.press('Escape')
    await page.getByTestId('photo-viewer').waitFor({ state: 'detached' })
    await page.context().close()
  })
})
