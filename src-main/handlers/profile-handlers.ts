import { AppError } from '../../contract/app-error'
import { kindFacts, type ProfileSecretName } from '../../contract/kinds'
import { summarizeProfiles } from '../features/connections/profile-summary'
import { testConnection, type StepOutcome } from '../features/connections/connection-test'
import type { ProfileDraft, ProfileStore } from '../features/connections/profiles'
import type { SecretStore } from '../platform/secrets/secret-store'
import type { SessionManager } from '../features/connections/session-manager'
import { httpClientFor } from '../features/connections/adapters/http-for-profile'
import type { WireLog } from '../platform/http/wire-log'
import type { PartialHandlerTable } from './handler-registry'

export function profileHandlers(
  profiles: ProfileStore,
  secrets: SecretStore,
  sessions: SessionManager,
  wireLog: WireLog
): PartialHandlerTable {
  // Only the secret names a profile kind uses can be stored, so the renderer cannot park arbitrary data there.
  async function checkSecretName(profileId: string, name: ProfileSecretName): Promise<void> {
    const profile = await profiles.get(profileId)
    if (profiles.isBuiltIn(profileId)) {
      throw new AppError({
        code: 'PROFILE_READ_ONLY',
        message: 'The Demo MLS credentials are built in.',
        hint: 'Duplicate the profile to use your own.'
      })
    }
    if (!kindFacts(profile.kind).secrets.includes(name)) {
      throw new AppError({
        code: 'SECRET_BAD_NAME',
        message: `A ${profile.kind} profile has no secret called "${name}".`
      })
    }
  }

  return {
    'profiles:list': async () => summarizeProfiles(await profiles.list(), secrets),
    'profiles:get': ({ profileId }) => profiles.get(profileId),
    'profiles:save': async ({ profileId, profile: input }) => {
      const profile = input as unknown as ProfileDraft
      if (!profileId) return profiles.create(profile)
      await sessions.disconnect(profileId) // settings changed: the next connect uses them
      return profiles.update(profileId, profile)
    },
    'profiles:test': async ({ profileId }) => {
      const profile = await profiles.get(profileId)
      let probe: Awaited<ReturnType<SessionManager['probe']>> | undefined
      const login = async (): Promise<string> => {
        probe = await sessions.probe(profileId, { metadata: true })
        const { info } = probe
        const facts = [info.protocolVersion, info.metadataVersion && `metadata ${info.metadataVersion}`].filter(Boolean)
        return `Logged in${facts.length ? ` (${facts.join(', ')})` : ''}.`
      }
      const metadata = async (): Promise<StepOutcome> => {
        const outcome = probe?.metadata
        if (!outcome) return { detail: 'No metadata for this kind of connection.' }
        if ('error' in outcome) throw outcome.error
        return outcome
      }
      const hasMetadata = kindFacts(profile.kind).capabilities.includes('metadata')
      return testConnection(
        profile,
        login,
        () => httpClientFor(profile, wireLog, secrets),
        hasMetadata ? metadata : undefined
      )
    },
    'profiles:duplicate': ({ profileId, name }) => profiles.duplicate(profileId, name),
    'profiles:delete': async ({ profileId }) => {
      await sessions.disconnect(profileId)
      await profiles.delete(profileId)
      return { deleted: true }
    },
    'secrets:set': async ({ profileId, name, value }) => {
      await checkSecretName(profileId, name)
      await secrets.set(profileId, name, value)
      // a token the user pastes has no known expiry; the one of the token it replaces must not apply to it
      if (name === 'accessToken') await secrets.delete(profileId, 'accessTokenExpiresAt')
      return { stored: true, persistent: secrets.info().persistent }
    },
    'secrets:clear': async ({ profileId, name }) => {
      await checkSecretName(profileId, name)
      return { cleared: await secrets.delete(profileId, name) }
    }
  }
}
