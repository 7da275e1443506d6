// The only place the app hands a URL to the OS. Lint forbids shell.openExternal anywhere else.
import { shell } from 'electron'
import { checkExternalUrl } from '../../platform/links/safe-url'

export async function safeOpenExternal(raw: string | URL): Promise<boolean> {
  const url = checkExternalUrl(String(raw))
  // eslint-disable-next-line no-restricted-properties -- this is the one sanctioned call
  await shell.openExternal(url.toString())
  return true
}
