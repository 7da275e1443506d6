// The saved-query library in a real browser: Ctrl+S saves the query tab into a folder, edits show as modified and
// Ctrl+S updates, the sidebar reopens it, the field details count its use; and the keyboard cheat sheet.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `library-${step}`)

describe('saved queries (web mode + Demo MLS)', () => {
  it('saves with Ctrl+S, tracks changes, reopens from the sidebar and counts field use', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.getByTestId('profile-demo-rets').click()
    await page.locator('[data-testid="profile-demo-rets"][data-status="connected"]').waitFor()
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.getByTestId('query-editor').click()
    await expect.poll(() => tab.locator('.view-lines').innerText(), { timeout: 5000 }).toContain('LIST_22')

    // first save: name and folder
    await page.keyboard.press('Control+S')
    const form = page.getByTestId('save-query-form')
    await form.waitFor()
    await form.getByTestId('save-query-name').fill('Priced listings')
    await form.getByTestId('save-query-folder').fill('Daily')
    await shoot(page, '01-save-form')
    await form.getByTestId('save-query-submit').click()
    await tab.locator('[data-testid="saved-state"][data-state="saved"]').waitFor()
    const folder = page.locator('[data-testid="library-folder"][data-folder="Daily"]')
    const row = folder.locator('[data-testid^="saved-query-"][data-name="Priced listings"]')
    await row.waitFor()

    // an edit shows as modified; Ctrl+S updates the same saved query
    await tab.getByTestId('query-editor').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(',(LIST_15=|OV61GOJ13C0)')
    await tab.locator('[data-testid="saved-state"][data-state="modified"]').waitFor()
    await page.getByTestId('tab-modified').first().waitFor()
    await page.keyboard.press('Control+S')
    await tab.locator('[data-testid="saved-state"][data-state="saved"]').waitFor()
    const id = (await row.getAttribute('data-testid'))!.replace('saved-query-', '')
    const saved = await e2e.app().workbench.registry.dispatch('library:get', { queryId: id }, { transport: 'web' })
    expect(saved).toMatchObject({ ok: true, value: { name: 'Priced listings', folder: 'Daily' } })
    expect(JSON.stringify(saved)).toContain('(LIST_22=0+),(LIST_15=|OV61GOJ13C0)')

    // the field's details count the saved query that uses it
    const tree = page.getByTestId('metadata-tree')
    await tree
      .locator('[data-testid="tree-row"][data-kind="resource"]', { hasText: 'Property' })
      .locator('.twisty')
      .click()
    await tree.locator('[data-testid="tree-row"][data-kind="class"]').first().locator('.twisty').click()
    await tree.locator('[data-testid="tree-row"][data-kind="field"]', { hasText: 'LIST_15' }).click()
    await page.getByTestId('tab-details').click()
    await page.locator('[data-testid="field-usage"][data-count="1"]').waitFor()
    await shoot(page, '02-sidebar-and-usage')

    // reopen from the sidebar: a tab with the saved text
    await row.getByTestId('saved-query-open').click()
    await expect
      .poll(() => page.locator('[data-testid^="query-tab-"]:visible .view-lines').innerText(), { timeout: 5000 })
      .toContain('LIST_15=|OV61GOJ13C0')

    // the cheat sheet: ? outside a text field
    await page.getByTestId('statusbar').click({ position: { x: 600, y: 10 } })
    await page.keyboard.press('?')
    await page.getByTestId('shortcuts-dialog').getByText('Save the query to the library').waitFor()
    await shoot(page, '03-shortcuts')
    await page.keyboard.press('Escape')
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' })

    expect(errors).toEqual([])
    await page.context().close()
  })
})
