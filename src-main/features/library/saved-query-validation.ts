// Saved-query files are edited by hand and kept in git, so a bad one is described field by field. A secret-looking
// key gets its own sentence: saved queries are shared, and credentials belong in the keychain with the profile.
import type { z } from 'zod'
import { AppError } from '../../../contract/app-error'
import type { SavedQuery } from '../../../contract/library-channels'
import { SECRET_LIKE_KEY } from '../connections/profile-validation'
import { savedQuerySchema } from '../../../contract/library-channels'

const SECRET_MESSAGE = 'looks like a secret; saved queries never hold credentials (they stay with the profile)'

export function parseSavedQuery(input: unknown, source = 'The saved query'): SavedQuery {
  const parsed = savedQuerySchema.safeParse(input)
  if (parsed.success) return parsed.data as SavedQuery
  const issues = parsed.error.issues.flatMap(describeIssue)
  const secret = issues.some((i) => i.message === SECRET_MESSAGE)
  const first = issues[0]
  throw new AppError({
    code: 'LIBRARY_INVALID',
    message: `${source} is not valid: ${first?.path || 'query'} ${first?.message ?? ''}`.trim(),
    detail: issues.map((i) => `${i.path || 'query'}: ${i.message}`).join('\n'),
    hint: secret
      ? 'Remove the secret from the saved query; credentials are entered in the profile settings and kept in the keychain.'
      : 'Correct the fields listed (or delete the file) and reload the library.'
  })
}

function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string }[] {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: SECRET_LIKE_KEY.test(key) ? SECRET_MESSAGE : 'is not a known saved-query field'
    }))
  }
  if (path === 'spec.kind' || (path === 'spec' && issue.code === 'invalid_union')) {
    return [{ path: 'spec.kind', message: 'must be one of dmql, odata, spark' }]
  }
  return [{ path, message: issue.message }]
}
