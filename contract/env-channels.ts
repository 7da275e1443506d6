// env:* — a profile's environments ({{variable}} values for its queries), the file beside the profile. Values
// cross in both directions: they are plain settings, never secrets (the schema refuses secret-looking names).
import { z } from 'zod'
import { id } from './common-fields'
import { environmentFileSchema } from './environment-schema'

export const environmentChannels = {
  'env:get': { args: z.strictObject({ profileId: id }), result: environmentFileSchema },
  /** replaces the whole file (the panel sends every environment) */
  'env:save': {
    args: z.strictObject({ profileId: id, file: environmentFileSchema }),
    result: environmentFileSchema
  }
} as const
