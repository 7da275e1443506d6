// Issue #16 acceptance: the Demo MLS with every RETS quirk on at once (METADATA-LOOKUP refused, OBJECT 20503,
// a TABLE naming another class, COMPACT for STANDARD-XML, COMPACT-DECODED refused, Offset ignored, Basic only,
// relative capability URLs, HTML logout…) still gives a usable tree with its warnings visible, a query returns
// the right rows, and the Log tab says what was refused. Screenshots in light and dark: rets-quirks-<step>-<theme>.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { parseQuirkList } from '../../demo-mls/quirks/quirk-catalogue'
import { basicOverHttpProfile } from './support/basic-over-http'
import { openApp, screenshotThemes, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

const shoot = (page: Page, step: string): Promise<void> => screenshotThemes(page, `rets-quirks-${step}`)

describe('a RETS server with every variation at once (web mode + Demo MLS quirks)', () => {
  it('connects to a usable tree with warnings, runs a query with the right rows, logs the refusals', async () => {
    const demo = e2e.app().workbench.demo!.server
    demo.ctx.setQuirks(parseQuirkList('rets-*'))
    const profileId = await basicOverHttpProfile(e2e.app())
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.getByTestId('welcome').waitFor()

    await page.getByTestId(`profile-${profileId}`).click()
    await page.locator(`[data-testid="profile-${profileId}"][data-status="connected"]`).waitFor()

    // the degraded parts above the tree, each with a Retry
    const warnings = page.getByTestId('metadata-warnings')
    await warnings.getByText('Lookups: server refused METADATA-LOOKUP (20501', { exact: false }).waitFor()
    await warnings.getByText('Object types: server refused METADATA-OBJECT (20503', { exact: false }).waitFor()
    expect(await warnings.getByTestId('metadata-retry').count()).toBeGreaterThanOrEqual(2)

    // the tree: the resource carries ⚠, its classes open, the TABLE filed under the class asked for says so
    const tree = page.getByTestId('metadata-tree')
    const property = tree.locator('[data-testid="tree-row"][data-kind="resource"]', { hasText: 'Property' })
    await property.locator('.badge.warn').waitFor()
    await property.locator('.twisty').click()
    const classA = tree.locator('[data-testid="tree-row"][data-kind="class"]').first()
    await classA.locator('.twisty').click()
    await tree.locator('[data-testid="tree-row"][data-kind="field"]', { hasText: 'LIST_15' }).waitFor()
    await warnings.getByText('the server answered Class=', { exact: false }).waitFor()
    await tree.locator('[data-testid="tree-row"][data-kind="message"]', { hasText: 'filed under' }).waitFor()
    await shoot(page, '01-tree')
    // without METADATA-LOOKUP the lookups are named by the fields: with the class closed, the Lookups folder
    // (the tree renders only the rows in view) carries the warning too
    await classA.locator('.twisty').click()
    const lookups = tree.locator('[data-testid="tree-row"][data-kind="lookups"]').first()
    await lookups.locator('.badge.warn').waitFor()
    await lookups.locator('.twisty').click()
    await tree.locator('[data-testid="tree-row"][data-kind="message"]', { hasText: 'METADATA-LOOKUP' }).waitFor()
    await shoot(page, '01b-lookups')

    // the starter query of class A in COMPACT-DECODED, which this server refuses: COMPACT + local decoding
    const tab = page.locator('[data-testid^="query-tab-"]:visible')
    await tab.getByTestId('query-editor').click()
    await page.keyboard.press('Control+Enter')
    await tab.locator('[data-testid="query-status"][data-state="done"]').waitFor()
    const grid = page.getByTestId('results-grid')
    await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').first().waitFor()
    await grid.getByText('The server refused COMPACT-DECODED', { exact: false }).waitFor()
    const label = await page.getByTestId('result-count').innerText()
    const total = Number(label.replace(/[^\d].*$/s, '').replace(/,/g, ''))

    // the right rows: what a well-behaved server gives for the same query
    demo.ctx.setQuirks([])
    const expected = await directRun(e2e.app().workbench)
    // the tab asks one page (its Limit); the server's COUNT is the well-behaved server's row count
    expect(label).toContain(`server COUNT ${expected.total.toLocaleString()}`)
    expect(total).toBeGreaterThan(0)
    expect(label).toContain(total < expected.total ? 'partial' : 'complete')
    const firstRow = await grid.locator('[data-testid="grid-row"][data-index="0"] .cell').allInnerTexts()
    expect(firstRow.slice(0, 3).map((c) => c.trim())).toEqual(expected.firstRow.slice(0, 3))
    await shoot(page, '02-results')

    // the Log tab: every refusal, with what the server said
    await page.getByTestId('tab-log').click()
    const log = page.getByTestId('log')
    await log.getByText('METADATA-LOOKUP (20501', { exact: false }).first().waitFor()
    await log.getByText('METADATA-OBJECT (20503', { exact: false }).first().waitFor()
    await shoot(page, '03-log')

    // Retry once the server serves the part: the warning goes away
    await warnings.getByTestId('metadata-retry').first().click()
    await expect.poll(() => warnings.getByText('METADATA-OBJECT', { exact: false }).count()).toBe(0)
    expect(errors).toEqual([])
  })
})

/** The same query straight through the handler table, against the server without quirks. */
async function directRun(wb: ReturnType<typeof e2e.app>['workbench']): Promise<{ total: number; firstRow: string[] }> {
  const ctx = { transport: 'web' as const }
  const connected = await wb.registry.dispatch('session:connect', { profileId: 'demo-rets' }, ctx)
  if (!connected.ok) throw new Error(connected.error.message)
  const started = await wb.registry.dispatch(
    'query:run',
    {
      profileId: 'demo-rets',
      spec: {
        kind: 'dmql',
        resource: 'Property',
        class: 'A',
        query: '(LIST_22=0+)',
        format: 'COMPACT-DECODED',
        count: 1,
        standardNames: false,
        fetchAll: false
      }
    },
    ctx
  )
  if (!started.ok) throw new Error(started.error.message)
  const { jobId, resultId } = started.value as { jobId: string; resultId: string }
  await wb.jobs.settled(jobId)
  const summary = await wb.registry.dispatch('results:summary', { resultId }, ctx)
  const page = await wb.registry.dispatch('results:page', { resultId, offset: 0, limit: 1 }, ctx)
  if (!summary.ok || !page.ok) throw new Error('results unavailable')
  const total = (summary.value as { total: number }).total
  return { total, firstRow: (page.value as { rows: string[][] }).rows[0] ?? [] }
}
