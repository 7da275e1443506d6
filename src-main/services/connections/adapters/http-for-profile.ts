// One HttpClient per live session, configured from the profile's network settings, recording into the wire log.
import { readFile } from 'node:fs/promises'
import { AppError } from '../../../shared/app-error'
import { HttpClient } from '../../http/http-client'
import type { WireLog } from '../../http/wire-log'
import type { ConnectionProfile } from '../profile-schema'

export async function httpClientFor(profile: ConnectionProfile, wireLog: WireLog): Promise<HttpClient> {
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
    userAgent: profile.userAgent,
    timeoutMs: profile.network.requestTimeoutMs,
    wireLog,
    wireSource: profile.id,
    ...(profile.network.proxyUrl ? { proxyUrl: profile.network.proxyUrl } : {}),
    ...(ca ? { ca } : {})
  })
}

/** A secret the profile needs but the store does not have: tell the user where to put it. */
export function missingSecret(profileName: string, secret: string): AppError {
  return new AppError({
    code: 'SECRET_MISSING',
    message: `No ${secret} is stored for “${profileName}”.`,
    hint: `Open the profile and enter the ${secret}; it is kept in the system keychain.`
  })
}
