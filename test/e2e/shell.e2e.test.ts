import { describe, expect, it } from 'vitest'
import { openApp, screenshot, useAppAndBrowser } from './support/browser'
import { SLOW_QUERY, slowDemoListings } from '../support/slow-demo-job'

const e2e = useAppAndBrowser()

describe('workbench shell in web mode', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the frame following the OS ${scheme} theme`, async () => {
      const page = await openApp(e2e.browser(), e2e.app(), scheme)
      await page.getByTestId('welcome').waitFor()
      await page.getByText('Web mode').waitFor()
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme)
      // the token leaves the address bar once the page has it
      expect(page.url()).not.toContain('token=')
      for (const id of ['sidebar', 'bottom-panel', 'statusbar'])
        expect(await page.getByTestId(id).isVisible()).toBe(true)
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(bg).toBe(scheme === 'dark' ? 'rgb(30, 31, 34)' : 'rgb(255, 255, 255)')
      await screenshot(page, `shell-${scheme}`)
      await page.context().close()
    })
  }

  it('lets the user override the theme and keeps the choice', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    await page.getByTestId('theme-toggle').click() // system → light
    await page.getByTestId('theme-toggle').click() // light → dark
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.reload()
    await page.getByTestId('welcome').waitFor()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.context().close()
  })

  it('shows a running job in the status bar and cancels it', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    await page.getByTestId('welcome').waitFor()
    const demoUrl = e2e.app().workbench.demo!.server.url
    await slowDemoListings(demoUrl, 100)
    try {
      // the page starts the query through the web transport's API, as the query tab would
      await page.evaluate(async (query) => {
        const token = sessionStorage.getItem('mlswb.token') ?? ''
        const invoke = (channel: string, args: unknown) =>
          fetch(`/api/invoke/${channel}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-MLSWB-Token': token },
            body: JSON.stringify(args)
          })
        await invoke('session:connect', { profileId: query.profileId })
        await invoke('query:run', query)
      }, SLOW_QUERY)
      const status = page.getByTestId('job-status')
      await status.and(page.locator('[data-state="running"]')).waitFor()
      await screenshot(page, 'shell-job-running')
      await page.getByTestId('job-cancel').click()
      await page.locator('[data-testid="job-status"][data-state="cancelled"]').waitFor()
      await page.getByTestId('tab-log').click()
      await page.getByTestId('log').getByText('cancelled').waitFor()
    } finally {
      await slowDemoListings(demoUrl, 0)
    }
    await page.context().close()
  })
})
