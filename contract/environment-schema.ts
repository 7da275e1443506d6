// A profile's environments (the Postman/Bruno habit): named sets of `{{variable}}` values for its saved queries,
// kept as plain JSON beside the profile (`profiles/<id>.env.json`). Plain values only: a name that looks like a
// secret is refused, and the object is strict, so nothing else rides along.
import { z } from 'zod'

// a secret pasted into a variable would end up in git: credential-looking names are refused
const SECRET_LOOKING = /pass(word|wd)?|pwd|secret|token|api[-_.]?key|credential|auth|private[-_.]?key|session/i
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/

/** Why a variable name cannot be used, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (!VARIABLE_NAME.test(name)) {
    return `"${name}" is not a variable name (letters, digits, _ . -; starting with a letter or _)`
  }
  if (SECRET_LOOKING.test(name)) {
    return `"${name}" looks like a secret; environment files are plain JSON, keep secrets in the keychain`
  }
  return undefined
}

const variables = z.record(z.string(), z.string().max(10_000)).superRefine((vars, ctx) => {
  for (const name of Object.keys(vars)) {
    const problem = variableNameProblem(name)
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem })
  }
})

export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/

export const environmentFileSchema = z.strictObject({
  /** the environment whose values are used when none is named */
  active: z.string().regex(ENVIRONMENT_NAME).optional(),
  environments: z.record(z.string().regex(ENVIRONMENT_NAME, 'is not an environment name'), variables)
})
export type EnvironmentFile = z.output<typeof environmentFileSchema>
