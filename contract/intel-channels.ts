// intel:* — metadata intelligence above one connection: the RETS → RESO field map of two profiles (with the user's
// overrides, a plain JSON file in the library folder) and DMQL2 ↔ OData $filter translation through it.
import { z } from 'zod'
import { id, name } from './common-fields'
import { fieldMapSchema, translationResultSchema } from './intel-model-schema'

const mapArgs = {
  retsProfileId: id,
  resource: name,
  class: name,
  resoProfileId: id,
  entity: name
}

const overridesSchema = z.strictObject({
  version: z.literal(1),
  fields: z.record(z.string().max(600), z.record(z.string().max(256), z.string().max(256).nullable())),
  values: z.record(z.string().max(600), z.record(z.string().max(256), z.string().max(1000)))
})

export const intelChannels = {
  'intel:field-map': { args: z.strictObject(mapArgs), result: fieldMapSchema },
  /** DMQL → OData (`from: 'dmql'`) or OData → DMQL through the map of the two profiles */
  'intel:translate': {
    args: z.strictObject({ ...mapArgs, from: z.enum(['dmql', 'odata']), text: z.string().max(100_000) }),
    result: translationResultSchema
  },
  'intel:overrides-get': { args: z.strictObject({}), result: overridesSchema.extend({ path: z.string() }) },
  'intel:overrides-save': {
    args: z.strictObject({ overrides: overridesSchema }),
    result: z.strictObject({ path: z.string() })
  }
} as const
