// A Basic-only RETS server on plain http (the `rets-basic-only` quirk): the user switches the profile to "auto" and
// ticks "allow Basic over http", as they would for such a server — a Digest profile never falls back to Basic.
import type { WebApp } from '../../../src-main/shells/web/start-web'

export async function allowBasicOverHttp(app: WebApp, profileId = 'demo-rets'): Promise<void> {
  const ctx = { transport: 'web' as const }
  const got = await app.workbench.registry.dispatch('profiles:get', { profileId }, ctx)
  if (!got.ok) throw new Error(got.error.message)
  const profile = { ...(got.value as Record<string, unknown>), authMethod: 'auto', allowBasicOverHttp: true }
  const saved = await app.workbench.registry.dispatch('profiles:save', { profileId, profile }, ctx)
  if (!saved.ok) throw new Error(saved.error.message)
}
