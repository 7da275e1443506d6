// What a RETS-style login tells the workbench (capability URLs, X- extensions, session info, metadata version),
// shared by the RETS and IDX API adapters — the IDX login (IDX API documentation) has the same body shape.
import type { ConnectionInfo } from '../../../../contract/session-channels'
import type { ProfileKind } from '../../../../contract/kinds'
import { redactor } from '../../../platform/redaction/redactor'
import { loginInfoValue } from '../../../protocols/rets/login-body'
import type { LoginResult } from '../../../protocols/rets/rets-session'

export function connectionInfoFromLogin(
  profile: { id: string; loginUrl: string },
  kind: ProfileKind,
  login: LoginResult
): ConnectionInfo {
  const capabilities: Record<string, string> = {}
  for (const [name, url] of Object.entries(login.capabilities)) if (url) capabilities[name] = redactor.url(url)
  for (const [name, url] of Object.entries(login.body.extensions)) capabilities[name] = redactor.url(url)
  for (const item of Object.values(login.body.info)) capabilities[`Info:${item.name}`] = redactor.text(item.value)
  const info: ConnectionInfo = {
    profileId: profile.id,
    kind,
    server: new URL(profile.loginUrl).host,
    capabilities,
    connectedAt: new Date().toISOString(),
    notes: login.warnings
  }
  if (login.serverVersion) info.protocolVersion = login.serverVersion
  const version = loginInfoValue(login.body, 'MetadataVersion')
  const stamp = loginInfoValue(login.body, 'MetadataTimestamp')
  if (version) info.metadataVersion = version
  if (stamp) info.metadataTimestamp = stamp
  return info
}
