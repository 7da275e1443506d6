// An error found while reading a reply (a record or part header over its bound, a login or $metadata the reader
// refused), retold with the request it answered, so a toast or the log says where to look (the URL redacted).
import { AppError } from '../../../contract/app-error'
import { redactor } from '../redaction/redactor'

/** The AppError again, its message ending in ` Request: METHOD url`; code, detail and hint kept. Others pass through. */
export function namingRequest(err: unknown, method: string, url: string): unknown {
  if (!(err instanceof AppError)) return err
  return new AppError({
    code: err.code,
    message: `${err.message} Request: ${method} ${redactor.messageUrl(url)}`,
    ...(err.detail !== undefined ? { detail: err.detail } : {}),
    ...(err.hint !== undefined ? { hint: err.hint } : {})
  })
}
