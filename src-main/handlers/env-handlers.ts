// env:* — a profile's environment file (profiles/<id>.env.json); the profile must exist (built-ins too: their
// environments are the user's own file, the profile stays read-only).
import type { ProfileStore } from '../features/connections/profiles'
import { readEnvironments, writeEnvironments } from '../features/connections/profile-environments'
import type { PartialHandlerTable } from './handler-registry'

export function environmentHandlers(profiles: ProfileStore, profilesDir: string): PartialHandlerTable {
  return {
    'env:get': async ({ profileId }) => {
      await profiles.get(profileId)
      return readEnvironments(profilesDir, profileId)
    },
    'env:save': async ({ profileId, file }) => {
      await profiles.get(profileId)
      await writeEnvironments(profilesDir, profileId, file)
      return readEnvironments(profilesDir, profileId)
    }
  }
}
