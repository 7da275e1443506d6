// One HttpClient per live session, configured from the profile's network settings, recording into the wire log.
import { readFile } from 'node:fs/promises'
import { AppError } from '../../../../contract/app-error'
import { HttpClient } from '../../../platform/http/http-client'
import { isPrivateServer } from '../../../platform/http/address-policy'
import type { WireLog } from '../../../platform/http/wire-log'
import { redactor } from '../../../platform/redaction/redactor'
import type { SecretStore } from '../../../platform/secrets/secret-store'
import type { ConnectionProfile } from '../../../../contract/profile-schema'

export async function httpClientFor(
  profile: ConnectionProfile,
  wireLog: WireLog,
  secrets: Pick<SecretStore, 'get'>
): Promise<HttpClient> {
  let ca: Buffer | undefined
  if (profile.network.caFile) {
    ca = await readFile(profile.network.caFile).catch((err: NodeJS.ErrnoException) => {
      throw new AppError({
        code: 'CA_FILE_UNREADABLE',
        message: `The CA certificate file ${profile.network.caFile} cannot be read (${err.code ?? err.message}).`,
        hint: 'Check the path in the profile’s network settings; it must be a PEM file.'
      })
    })
  }
  return new HttpClient({
    // URLs the server hands out (Location=1, media, next links) must not reach into this machine or network
    addressGuard: { allowPrivate: await isPrivateServer(ownUrls(profile)) },
    userAgent: profile.userAgent,
    timeoutMs: profile.network.requestTimeoutMs,
    connectTimeoutMs: profile.network.connectTimeoutMs,
    ...(profile.network.totalTimeoutMs ? { deadlineMs: profile.network.totalTimeoutMs } : {}),
    wireLog,
    ...(profile.network.proxyUrl ? { proxyUrl: await proxyUrlFor(profile, secrets) } : {}),
    ...(ca ? { ca } : {})
  })
}

/** The profile's own server URLs: where they live decides whether private addresses may be reached. */
function ownUrls(profile: ConnectionProfile): Array<string | undefined> {
  switch (profile.kind) {
    case 'rets':
    case 'idx':
      return [profile.loginUrl, ...(profile.credentialOrigins ?? [])]
    case 'reso':
      return [profile.serviceUrl, profile.oauth.tokenUrl, profile.oauth.authorizeUrl]
    case 'spark':
      return [profile.apiUrl, profile.oauth.tokenUrl, profile.oauth.authorizeUrl]
    case 'activity':
      return [profile.trackingUrl]
  }
}

/** The proxy URL with its login when the profile has a proxy user (the agents send it as Proxy-Authorization). */
async function proxyUrlFor(profile: ConnectionProfile, secrets: Pick<SecretStore, 'get'>): Promise<string> {
  const url = new URL(profile.network.proxyUrl!)
  const user = profile.network.proxyUser
  if (!user) return url.href
  const password = await secrets.get(profile.id, 'proxyPassword')
  if (!password) throw missingSecret(profile.name, 'proxy password')
  redactor.addSecret(password)
  url.username = encodeURIComponent(user)
  url.password = encodeURIComponent(password)
  return url.href
}

/** A secret the profile needs but the store does not have: tell the user where to put it. */
export function missingSecret(profileName: string, secret: string): AppError {
  return new AppError({
    code: 'SECRET_MISSING',
    message: `No ${secret} is stored for “${profileName}”.`,
    hint: `Open the profile and enter the ${secret}; it is kept in the system keychain.`
  })
}
