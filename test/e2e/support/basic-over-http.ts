// A Basic-only RETS server on plain http (the `rets-basic-only` quirk): as a user must for such a server, duplicate
// the built-in RETS profile (built-ins cannot be edited), set it to "auto" and tick "allow Basic over http" — a Digest
// profile never falls back to Basic. Returns the new profile's id.
import type { WebApp } from '../../../src-main/shells/web/start-web'

export async function basicOverHttpProfile(app: WebApp, from = 'demo-rets'): Promise<string> {
  const ctx = { transport: 'web' as const }
  const copy = await app.workbench.registry.dispatch(
    'profiles:duplicate',
    { profileId: from, name: 'Basic-only RETS' },
    ctx
  )
  if (!copy.ok) throw new Error(copy.error.message)
  const profileId = (copy.value as { id: string }).id
  const profile = { ...(copy.value as Record<string, unknown>), authMethod: 'auto', allowBasicOverHttp: true }
  const saved = await app.workbench.registry.dispatch('profiles:save', { profileId, profile }, ctx)
  if (!saved.ok) throw new Error(saved.error.message)
  return profileId
}
