// Turns schema issues into sentences a user can act on. A secret value showing up in a profile gets its own
// message: it is the one mistake that must never be "fixed" by saving the file anyway.
import type { z } from 'zod'
import { AppError } from '../../../contract/app-error'
import { connectionProfileSchema, type ConnectionProfile } from '../../../contract/profile-schema'
import { PROFILE_KINDS } from '../../../contract/kinds'

export interface ProfileIssue {
  /** dotted path of the field, '' for the profile itself */
  path: string
  message: string
}

export type ProfileValidation = { ok: true; profile: ConnectionProfile } | { ok: false; issues: ProfileIssue[] }

// the secret names of every kind plus the spellings people (and other tools' exports) use for them
export const SECRET_LIKE_KEY =
  /^(password|passwd|pwd|ua_?password|client_?secret|access_?token|refresh_?token|api_?key|token|secret|bearer)$/i

export function validateProfile(input: unknown): ProfileValidation {
  const parsed = connectionProfileSchema.safeParse(input)
  if (parsed.success) return { ok: true, profile: parsed.data }
  return { ok: false, issues: parsed.error.issues.flatMap(describeIssue) }
}

/** Validates or throws AppError PROFILE_INVALID (detail: one issue per line). */
export function parseProfile(input: unknown, source = 'The profile'): ConnectionProfile {
  const result = validateProfile(input)
  if (result.ok) return result.profile
  const secret = result.issues.some((i) => i.message.includes('secret store'))
  throw new AppError({
    code: 'PROFILE_INVALID',
    message: `${source} is not valid: ${result.issues[0]?.path || 'profile'} ${result.issues[0]?.message ?? ''}`.trim(),
    detail: result.issues.map((i) => `${i.path || 'profile'}: ${i.message}`).join('\n'),
    hint: secret
      ? 'Remove the secret from the profile file and enter it in the profile settings; it is saved in the keychain.'
      : 'Correct the fields listed and save again.'
  })
}

function describeIssue(issue: z.core.$ZodIssue): ProfileIssue[] {
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: SECRET_LIKE_KEY.test(key)
        ? 'looks like a secret; profiles never hold secret values (they are kept in the secret store)'
        : 'is not a known profile field'
    }))
  }
  if (issue.code === 'invalid_union' && path === 'kind') {
    return [{ path, message: `must be one of ${PROFILE_KINDS.join(', ')}` }]
  }
  return [{ path, message: issue.message }]
}
