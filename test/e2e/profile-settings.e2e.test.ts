// Issue 16 item 4 in a real browser: the profile form asks for the connect, idle and total timeouts and the extra
// headers, and for an authorization-code RESO profile it shows the exact redirect URI to register once a fixed port
// is set. Issue 22: the Sync store section saves a PostgreSQL connection string without the password pasted into
// it (that goes to the keychain). Screenshots in light and dark.
import { describe, expect, it } from 'vitest'
import { openApp, screenshot, screenshotThemes, useAppAndBrowser } from './support/browser'

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

  it('saves a PostgreSQL sync store: the connection string without its password, the password in the keychain', async () => {
    const page = await openApp(e2e.browser(), e2e.app(), 'light')
    page.setDefaultTimeout(15_000)
    await page.getByTestId('new-profile').click()
    await page.getByTestId('new-profile-spark').click()
    await page.getByTestId('profile-editor').waitFor()
    await page.getByTestId('pf-name').fill('Shared Spark')
    await page.getByTestId('pf-apiUrl').fill('https://sparkapi.example.com')
    await page.getByTestId('pf-oauth-tokenUrl').fill('https://sparkapi.example.com/v1/oauth2/grant')
    await page.getByTestId('pf-oauth-clientId').fill('shared')
    expect(await page.getByTestId('pf-sync-sqlite-path').innerText()).toMatch(/[\\/]sync[\\/]<profile id>\.sqlite$/)
    await expect.poll(() => page.getByTestId('secret-postgresPassword').count()).toBe(0)
    await page.getByTestId('profile-sync-store').scrollIntoViewIfNeeded()
    await screenshot(page, 'profile-sync-store-sqlite-light')
    await page.getByTestId('pf-sync-store').selectOption('postgres')
    const url = page.getByTestId('pf-sync-postgresUrl')
    await url.fill('postgresql://sync:hunter2@db.example.com:5432/mls')
    await url.blur()
    await page.getByTestId('pf-sync-password-moved').waitFor()
    expect(await url.inputValue()).toBe('postgresql://sync@db.example.com:5432/mls')
    expect(await page.getByTestId('secret-postgresPassword').inputValue()).toBe('hunter2')
    await page.getByTestId('secret-postgresPassword').scrollIntoViewIfNeeded()
    await screenshotThemes(page, 'profile-sync-store-postgres')
    await page.getByTestId('profile-save').click()
    await page.getByTestId('profile-editor').waitFor({ state: 'detached' })

    const app = e2e.app()
    const profile = await app.workbench.profiles.get('shared-spark')
    expect(profile.sync).toEqual({ store: 'postgres', postgresUrl: 'postgresql://sync@db.example.com:5432/mls' })
    expect(JSON.stringify(profile)).not.toContain('hunter2')
    expect(await app.workbench.secrets.get('shared-spark', 'postgresPassword')).toBe('hunter2')
    await page.context().close()
  })
})
