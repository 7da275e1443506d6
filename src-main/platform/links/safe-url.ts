// The one gate for anything leaving the app towards the system browser: only http(s), no credentials in the URL.
import { AppError } from '../../../contract/app-error'

export function checkExternalUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError({ code: 'LINK_INVALID', message: `Not a valid link: ${raw.slice(0, 200)}` })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError({
      code: 'LINK_REFUSED',
      message: `Only http and https links can be opened (got ${url.protocol}).`,
      hint: 'Copy the link and open it yourself if you trust it.'
    })
  }
  if (url.username || url.password) {
    throw new AppError({ code: 'LINK_REFUSED', message: 'Links that carry a user name or password are not opened.' })
  }
  return url
}
