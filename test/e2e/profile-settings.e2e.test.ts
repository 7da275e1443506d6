// Issue 16 item 4 in a real browser: the profile form asks for the connect, idle and total timeouts and the extra
// headers, and for an authorization-code RESO profile it shows the exact redirect URI to register once a fixed port
// is set. Screenshots in light and dark.
import { describe, expect, it } from 'vitest'
import { openApp, screenshot, useAppAndBrowser } from './support/browser'

const e2e = useAppAndBrowser()

describe('profile settings form', () => {
  it('shows the timeouts, extra headers and the redirect URI of a fixed port', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openApp(e2e.browser(), e2e.app(), scheme)
      page.setDefaultTimeout(15_000)
      await page.getByTestId('new-profile').click()
      await page.getByTestId('new-profile-reso').click()
      await page.getByTestId('profile-editor').waitFor()
      await page.getByTestId('pf-oauth-grant').selectOption('authorization_code')
      const note = page.getByTestId('pf-oauth-redirectPort-note')
      expect(await note.innerText()).toMatch(/any free port/)
      await page.getByTestId('pf-oauth-redirectPort').fill('8765')
      await expect.poll(() => note.innerText()).toBe('Redirect URI to register: http://127.0.0.1:8765/callback')
      for (const id of ['pf-network-connectTimeoutMs', 'pf-network-requestTimeoutMs', 'pf-network-totalTimeoutMs'])
        await page.getByTestId(id).waitFor()
      await page.getByTestId('pf-extraHeaders').fill('X-Vendor-Tag: alpha')
      await note.scrollIntoViewIfNeeded()
      await screenshot(page, `profile-settings-redirect-${scheme}`)
      await page.getByTestId('pf-network-totalTimeoutMs').scrollIntoViewIfNeeded()
      await screenshot(page, `profile-settings-network-${scheme}`)
      await page.context().close()
    }
  })
})
