// The OAuth token holder (services/oauth) names secrets `${secretKey}/${name}` (auth-settings.ts secretId) and
// needs only get/set/delete. With secretKey = the profile id, that is exactly a keychain account here.
import { AppError } from '../../shared/app-error'
import type { SecretStoreLike } from '../oauth/secret-store-like'
import { parseSecretAccount, type SecretStore } from './secret-store'

export function oauthSecretSlice(store: SecretStore): SecretStoreLike {
  const split = (id: string): { profileId: string; name: string } => {
    const parts = parseSecretAccount(id)
    if (!parts)
      throw new AppError({ code: 'SECRET_BAD_KEY', message: `"${id}" is not a <profileId>/<name> secret id.` })
    return parts
  }
  return {
    get: async (id) => {
      const { profileId, name } = split(id)
      return store.get(profileId, name)
    },
    set: async (id, value) => {
      const { profileId, name } = split(id)
      return store.set(profileId, name, value)
    },
    delete: async (id) => {
      const { profileId, name } = split(id)
      return store.delete(profileId, name)
    }
  }
}
