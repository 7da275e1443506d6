// Case "tree" (issue 23 item 6): from the click on a profile in the sidebar (what Connect is) to the metadata tree's
// first level drawn — the renderer in chromium against web mode (the E2E suite's helpers, test/e2e/support), the
// app's main side in this worker. Timed inside the page: click → the first resource row is in the DOM → the next
// frame. Each run is a fresh app (a fresh user-data folder: no metadata snapshot to reuse) and a fresh browser.
import type { Browser } from 'playwright-core'
import { DEMO_PROFILE_IDS } from '../../src-main/features/connections/demo-profiles'
import type { WebApp } from '../../src-main/shells/web/start-web'
import { basicOverHttpProfile } from '../../test/e2e/support/basic-over-http'
import { launchBrowser, openApp, startTestApp } from '../../test/e2e/support/web-app'
import type { VariantFn } from '../harness/protocol'

export interface TreeParams {
  kind: 'rets' | 'reso'
  /** a replay server with the large dump instead of the app's own Demo MLS */
  serverUrl?: string
  /** a resource the first level must show (the check that the right tree was drawn) */
  expectResource: string
  timeoutMs: number
}

/** The little of the DOM the in-page timer touches (the bench compiles without the DOM library). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { click(): void } | null
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>
  }
  requestAnimationFrame(callback: () => void): number
}

interface Drawn {
  ms: number
  error?: string
  resources: string[]
}

/** A profile like the built-in one of that kind, pointed at the replay server (which asks for no credentials). */
async function replayProfile(app: WebApp, kind: 'rets' | 'reso', serverUrl: string): Promise<string> {
  const ctx = { transport: 'web' as const }
  if (kind === 'rets') {
    // the replay login sends no challenge: a Basic-capable profile (as the E2E suite makes one) gets in at once
    const id = await basicOverHttpProfile(app)
    const got = await app.workbench.registry.dispatch('profiles:get', { profileId: id }, ctx)
    if (!got.ok) throw new Error(got.error.message)
    const profile = { ...(got.value as Record<string, unknown>), loginUrl: `${serverUrl}/rets/Login` }
    const saved = await app.workbench.registry.dispatch('profiles:save', { profileId: id, profile }, ctx)
    if (!saved.ok) throw new Error(saved.error.message)
    return id
  }
  const copy = await app.workbench.registry.dispatch(
    'profiles:duplicate',
    { profileId: DEMO_PROFILE_IDS.reso, name: 'Bench RESO (large $metadata)' },
    ctx
  )
  if (!copy.ok) throw new Error(copy.error.message)
  const id = (copy.value as { id: string }).id
  const original = copy.value as { oauth: Record<string, unknown> } & Record<string, unknown>
  const profile = {
    ...original,
    serviceUrl: `${serverUrl}/reso/odata`,
    // a pasted token: the replay server checks none, and no token endpoint is timed
    oauth: { grant: 'static', tokenStyle: original.oauth.tokenStyle, headerScheme: original.oauth.headerScheme }
  }
  const saved = await app.workbench.registry.dispatch('profiles:save', { profileId: id, profile }, ctx)
  if (!saved.ok) throw new Error(saved.error.message)
  const secret = await app.workbench.registry.dispatch(
    'secrets:set',
    { profileId: id, name: 'accessToken', value: 'bench-token' },
    ctx
  )
  if (!secret.ok) throw new Error(secret.error.message)
  return id
}

const ours: VariantFn = async (raw) => {
  const p = raw as unknown as TreeParams
  let app: WebApp | undefined
  let browser: Browser | undefined
  try {
    app = await startTestApp()
    browser = await launchBrowser()
    const profileId = p.serverUrl ? await replayProfile(app, p.kind, p.serverUrl) : DEMO_PROFILE_IDS[p.kind]
    const page = await openApp(browser, app, 'light')
    page.setDefaultTimeout(p.timeoutMs)
    await page.getByTestId('welcome').waitFor()
    await page.getByTestId(`profile-${profileId}`).waitFor()
    const drawn: Drawn = await page.evaluate(
      // no named functions in here: tsx (esbuild keepNames) would wrap them in a __name() the page lacks
      async ({ id, timeoutMs }) => {
        const w = globalThis as unknown as PageGlobals
        const rows = '[data-testid="metadata-tree"] [data-testid="tree-row"][data-kind="resource"]'
        const t0 = performance.now()
        w.document.querySelector(`[data-testid="profile-${id}"]`)?.click()
        while (!w.document.querySelector(rows)) {
          if (w.document.querySelector(`[data-testid="profile-${id}"][data-status="error"]`))
            return { ms: performance.now() - t0, error: 'the connection failed', resources: [] }
          if (performance.now() - t0 > timeoutMs)
            return { ms: performance.now() - t0, error: `no tree after ${timeoutMs} ms`, resources: [] }
          await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()))
        }
        // drawn = the frame after the rows entered the DOM has been painted
        await new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()))
        await new Promise((resolve) => setTimeout(resolve, 0))
        const ms = performance.now() - t0
        return { ms, resources: Array.from(w.document.querySelectorAll(rows), (r) => r.textContent ?? '') }
      },
      { id: profileId, timeoutMs: p.timeoutMs }
    )
    if (drawn.error) throw new Error(drawn.error)
    const shown = drawn.resources.some((r) => r.includes(p.expectResource))
    if (!shown) throw new Error(`the tree shows ${drawn.resources.join(', ')}, not ${p.expectResource}`)
    return {
      bytes: 0,
      timedMs: drawn.ms,
      extra: { resourcesInView: drawn.resources.length, firstResource: drawn.resources[0]?.trim() ?? '' }
    }
  } finally {
    await browser?.close()
    await app?.close()
  }
}

export const variants = { ours }
