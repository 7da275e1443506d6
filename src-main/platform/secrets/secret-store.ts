// The one way the app keeps passwords, UA passwords, client secrets, API keys and tokens (README: "Linux: the
// keychain"). Profiles hold only the NAMES of their secrets; values are keyed by (profileId, name) here and nowhere
// else.
import { AppError } from '../../../contract/app-error'
import type { KeychainInfo } from '../../../contract/app-channels'

/** AppInfo.keychain in the contract: the UI says plainly when secrets will not survive a restart. */
export type SecretStoreInfo = KeychainInfo
export type SecretStoreKind = KeychainInfo['kind']

export interface SecretStore {
  get(profileId: string, name: string): Promise<string | undefined>
  set(profileId: string, name: string, value: string): Promise<void>
  /** true when something was removed */
  delete(profileId: string, name: string): Promise<boolean>
  /** the names (never the values) stored for a profile, sorted */
  list(profileId: string): Promise<string[]>
  deleteAll(profileId: string): Promise<void>
  info(): SecretStoreInfo
}

// Keychain accounts are `<profileId>/<name>`, so neither part may contain '/' (and both stay readable in the OS
// keychain UI). Profile ids are slugs; names are identifiers such as `uaPassword`.
const PROFILE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/

export function assertSecretKey(profileId: string, name?: string): void {
  if (!PROFILE_ID.test(profileId)) {
    throw new AppError({
      code: 'SECRET_BAD_KEY',
      message: `"${profileId}" is not a valid profile id for the secret store.`
    })
  }
  if (name !== undefined && !SECRET_NAME.test(name)) {
    throw new AppError({ code: 'SECRET_BAD_KEY', message: `"${name}" is not a valid secret name.` })
  }
}

export function secretAccount(profileId: string, name: string): string {
  return `${profileId}/${name}`
}

/** Inverse of secretAccount; undefined for accounts that are not ours (or not this profile's). */
export function parseSecretAccount(account: string): { profileId: string; name: string } | undefined {
  const slash = account.indexOf('/')
  if (slash <= 0 || slash === account.length - 1) return undefined
  return { profileId: account.slice(0, slash), name: account.slice(slash + 1) }
}
