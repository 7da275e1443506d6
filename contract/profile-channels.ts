// profiles:* and secrets:* — connection profiles (plain JSON files the user can read and keep in git) and the
// secrets each keeps in the keychain: names go to the renderer, values only ever in.
import { z } from 'zod'
import { id, name, noArgs } from './common-fields'
import { profileKindSchema, SECRET_NAMES } from './kinds'
import { connectionProfileSchema } from './profile-schema'

export const profileSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: profileKindSchema,
  /** the preset Demo MLS profiles: read-only, credentials filled in by the app */
  builtin: z.boolean(),
  url: z.string(),
  /** names of the secrets stored for it in the secret store (never the values) */
  storedSecrets: z.array(z.string())
})
export type ProfileSummary = z.output<typeof profileSummarySchema>

/** One step of "Test connection": each says what was tried, how it went and, on failure, what to do. */
export const connectionTestStepSchema = z.strictObject({
  step: z.enum(['url', 'dns', 'tcp', 'tls', 'http', 'auth', 'metadata']),
  ok: z.boolean(),
  /** optional parts that did not load (ok stays true: shown ⚠, not ✗) */
  warnings: z.array(z.string()).optional(),
  /** what was found: the address, the certificate, the status and challenge, the server's reply */
  detail: z.string(),
  hint: z.string().optional(),
  ms: z.number()
})
export type ConnectionTestStep = z.output<typeof connectionTestStepSchema>

const secretName = z.enum(SECRET_NAMES)

export const profileChannels = {
  'profiles:list': { args: noArgs, result: z.array(profileSummarySchema) },
  'profiles:get': { args: z.strictObject({ profileId: id }), result: connectionProfileSchema },
  /** creates when `profileId` is absent, else replaces that profile (secrets are set separately) */
  'profiles:save': {
    // a draft (no id or timestamps yet): the profile store validates it field by field against the full schema
    args: z.strictObject({ profileId: id.optional(), profile: z.looseObject({ kind: profileKindSchema }) }),
    result: connectionProfileSchema
  },
  'profiles:duplicate': {
    args: z.strictObject({ profileId: id, name: name.optional() }),
    result: connectionProfileSchema
  },
  'profiles:test': { args: z.strictObject({ profileId: id }), result: z.array(connectionTestStepSchema) },
  'profiles:delete': { args: z.strictObject({ profileId: id }), result: z.strictObject({ deleted: z.boolean() }) },
  /** only the secret names of the profile's kind are taken (contract/kinds.ts) */
  'secrets:set': {
    args: z.strictObject({ profileId: id, name: secretName, value: z.string().min(1).max(16_384) }),
    result: z.strictObject({ stored: z.boolean(), persistent: z.boolean() })
  },
  'secrets:clear': {
    args: z.strictObject({ profileId: id, name: secretName }),
    result: z.strictObject({ cleared: z.boolean() })
  }
} as const
