// Which exit code an error means (README "Exit codes"): 2 the command line was wrong, 3 the server did not accept
// the credentials, 4 the server refused the request, 1 anything else that made the job fail. Cron and CI branch on
// these, so a code is decided by the error's code alone, never by its wording.
import { CLI_EXIT, type CliExitCode } from '../../../contract/cli-output'
import type { AppErrorShape } from '../../../contract/app-error'

const USAGE = new Set([
  'CLI_USAGE',
  'IPC_BAD_ARGS',
  'PROFILE_INVALID',
  'PROFILE_NOT_FOUND',
  'PROFILE_READ_ONLY',
  'LIBRARY_NOT_FOUND',
  'LIBRARY_KIND_MISMATCH',
  'EXPORT_BAD_PATH',
  'EXPORT_BAD_REQUEST',
  'SECRET_BAD_NAME',
  'SECRET_BAD_KEY',
  'ENV_INVALID',
  'ENV_NOT_FOUND',
  'VARIABLE_MISSING',
  'ACTIVITY_INVALID',
  'QUERY_KIND',
  'CAPABILITY_MISSING'
])

const AUTH = new Set([
  'RETS_AUTH_FAILED',
  'SECRET_MISSING',
  'HTTP_401',
  'RETS_20036',
  'RETS_20037',
  'OAUTH_INVALID_CLIENT',
  'OAUTH_INVALID_GRANT',
  'OAUTH_UNAUTHORIZED_CLIENT',
  'OAUTH_NO_PASSWORD',
  'OAUTH_NO_TOKEN',
  'OAUTH_SIGN_IN_REQUIRED',
  'ACTIVITY_NO_API_KEY',
  'ACTIVITY_NO_API_ACCESS'
])

export function exitCodeFor(error: AppErrorShape): CliExitCode {
  const code = error.code
  if (code === 'CANCELLED' || code === 'HTTP_ABORTED') return CLI_EXIT.cancelled
  if (USAGE.has(code)) return CLI_EXIT.usage
  if (AUTH.has(code) || code.startsWith('OAUTH_INVALID')) return CLI_EXIT.auth
  // the server answered and said no: an HTTP error status or a protocol-level refusal (RETS ReplyCode, OData error)
  if (/^HTTP_[45]\d\d$/.test(code) || /^RETS_\d+$/.test(code) || /^(ODATA|SPARK|OAUTH)_/.test(code)) {
    return CLI_EXIT.refused
  }
  return CLI_EXIT.failed
}

/** A usage error: the command line itself is wrong (exit code 2). */
export function usageError(message: string, hint?: string): AppErrorShape {
  return { code: 'CLI_USAGE', message, ...(hint ? { hint } : {}) }
}
