// {{variables}} in the app: the Environments panel from the status bar, the active environment shown there, the
// editor's completion, highlight and missing-value warning, and a query run with the environment's values.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()
const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `environments-${step}`)

describe('environments and {{variables}} (web mode + Demo MLS)', () => {
  it('fills a query from the active environment; a missing variable is flagged and stops the run', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.getByTestId('profile-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="connected"]').waitFor()
    const status = page.getByTestId('env-status')
    await expect.poll(() => status.innerText()).toBe('No environment')

    // an environment with one of the two variables the query uses
    await status.click()
    const dialog = page.getByTestId('environments')
    await dialog.getByTestId('environment-new').fill('staging')
    await dialog.getByTestId('environment-add').click()
    await dialog.getByTestId('env-var-name-0').fill('status')
    await dialog.getByTestId('env-var-value-0').fill('OV61GOJ13C0')
    await shoot(page, '01-panel')
    await dialog.getByTestId('environments-save').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => status.innerText()).toBe('Env: staging')

    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.getByTestId('query-editor').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('(LIST_15=|{{status}}),(LIST_22={{minPrice}}+)')
    await expect.poll(() => tab.locator('.query-variable').count()).toBeGreaterThanOrEqual(2)
    await expect.poll(() => tab.locator('.squiggly-warning').count()).toBe(1)

    // completion after {{ offers the environment's names and the dynamic dates
    await page.keyboard.press('Control+End')
    await page.keyboard.type(',(LIST_87={{')
    const suggest = page.locator('.suggest-widget')
    await suggest.getByText('status').first().waitFor()
    await suggest.getByText('$today-1d').first().waitFor()
    await shoot(page, '02-completion')
    await page.keyboard.press('Escape')
    for (let i = 0; i < ',(LIST_87={{'.length; i++) await page.keyboard.press('Backspace')

    await page.keyboard.press('Control+Enter')
    await expect.poll(() => tab.getByTestId('query-errors').innerText()).toContain('No value for {{minPrice}}')
    await shoot(page, '03-missing')

    // add the missing one: the query runs with both values filled in
    await status.click()
    await dialog.getByTestId('env-var-add').click()
    await dialog.getByTestId('env-var-name-1').fill('minPrice')
    await dialog.getByTestId('env-var-value-1').fill('100000')
    await dialog.getByTestId('environments-save').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => tab.locator('.squiggly-warning').count()).toBe(0)
    await tab.getByTestId('query-editor').click()
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.getByTestId('result-count').first().innerText(), { timeout: 15_000 }).toMatch(/\d/)
    expect(await tab.getByTestId('query-errors').count()).toBe(0)
    await shoot(page, '04-run')

    const file = await e2e
      .app()
      .workbench.registry.dispatch('env:get', { profileId: 'demo-rets' }, { transport: 'web' })
    expect(file).toMatchObject({
      ok: true,
      value: { active: 'staging', environments: { staging: { status: 'OV61GOJ13C0', minPrice: '100000' } } }
    })
    expect(errors).toEqual([])
    await page.context().close()
  })
})
