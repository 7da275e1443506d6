// An error found while reading a reply (a record or header over its bound), retold with the request it came from:
// method + URL, secrets redacted, so the user knows which transaction to look at.
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'
import type { RetsSession } from './rets-session'

export function namingRequest(err: AppError, session: RetsSession, url: string): AppError {
  return new AppError({
    code: err.code,
    message: `${err.message} Request: ${session.profile.method ?? 'GET'} ${redactor.url(url)}`,
    ...(err.detail !== undefined ? { detail: err.detail } : {}),
    ...(err.hint !== undefined ? { hint: err.hint } : {})
  })
}
