// The MLS changes its metadata while the integrator is away: after reconnecting, Δ shows what changed.
import { describe, expect, it } from 'vitest'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

describe('metadata changes (web mode + Demo MLS)', () => {
  it('shows the field the server added since the last connection', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const connected = page.locator('[data-testid="profile-demo-rets"][data-status="connected"]')
    const tree = page.getByTestId('metadata-tree')
    // fields are compared where both versions have them loaded: open class A each time
    const openClassA = async (): Promise<void> => {
      await tree
        .locator('[data-testid="tree-row"][data-kind="resource"]', { hasText: 'Property' })
        .locator('.twisty')
        .click()
      await tree.locator('[data-testid="tree-row"][data-kind="class"]').first().locator('.twisty').click()
      await tree.locator('[data-testid="tree-row"][data-kind="field"]').first().waitFor()
    }
    await page.getByTestId('profile-demo-rets').click()
    await connected.waitFor()
    await openClassA()
    await page.getByTestId('metadata-changes-open').click()
    await page.getByTestId('metadata-changes-none').waitFor()
    await page.keyboard.press('Escape')

    const res = await fetch(`${e2e.app().workbench.demo!.server.url}/admin/metadata/fields`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resource: 'Property', systemName: 'LIST_900', standardName: 'GreenBuildingCertification' })
    })
    expect(res.status).toBe(201)
    await page.getByTestId('disconnect-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="idle"]').waitFor()
    await page.getByTestId('profile-demo-rets').click()
    await connected.waitFor()
    await openClassA()

    await page.getByTestId('metadata-changes-open').click()
    const table = page.getByTestId('metadata-changes-table')
    await table.getByText('Property:A.LIST_900').waitFor()
    expect(await page.getByTestId('metadata-changes-counts').innerText()).toMatch(/^\d+ added · 0 removed · 0 changed$/)
    await screenshotThemes(page, 'metadata-changes')
    await page.context().close()
  })
})
