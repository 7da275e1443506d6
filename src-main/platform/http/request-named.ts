// An error found while reading a reply, retold with the request it answered, so a toast or the log says where to
// look (the URL redacted). Anything but an AppError passes through unchanged.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../redaction/redactor'

export function withRequest(err: unknown, method: string, url: string): unknown {
  if (!(err instanceof AppError)) return err
  return Object.assign(err, { message: `${err.message} (${method} ${redactor.url(url)})` })
}
