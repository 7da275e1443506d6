// intel:* — metadata intelligence above one connection: the RETS → RESO field map of two profiles (with the user's
// overrides, a plain JSON file in the library folder) and DMQL2 ↔ OData $filter translation through it.
import { z } from 'zod'
import { filePath, id, name } from './common-fields'
import { metadataDiffSchema } from './metadata-channels'
import {
  conformanceReportSchema,
  fieldMapSchema,
  resultComparisonSchema,
  translationResultSchema
} from './intel-model-schema'

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
  values: z.record(z.string().max(600), z.record(z.string().max(256), z.string().max(1000))),
  classes: z.record(z.string().max(600), z.string().max(2000)).optional()
})

/** Any metadata: a profile's (every part loaded), a kept snapshot of a profile, or a file (EDMX or metadata JSON). */
export const metadataSourceRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('profile'), profileId: id }),
  z.strictObject({ kind: z.literal('snapshot'), profileId: id, version: name }),
  z.strictObject({ kind: z.literal('file'), path: filePath })
])
export type MetadataSourceRef = z.output<typeof metadataSourceRefSchema>

const compareArgs = {
  resultA: id,
  resultB: id,
  keyA: name,
  keyB: name,
  /** pair columns through the RETS → RESO map of these profiles (A = RETS); without it, by equal name */
  map: z.strictObject(mapArgs).optional()
}

export const intelChannels = {
  /** two results of one query run two ways, joined by key: rows on one side only, values differing after normalisation */
  'intel:compareResults': {
    args: z.strictObject({ ...compareArgs, limit: z.number().int().min(1).max(100_000).optional() }),
    result: resultComparisonSchema
  },
  /** the whole comparison written as .csv or .json */
  'intel:compareResultsExport': {
    args: z.strictObject({ ...compareArgs, format: z.enum(['csv', 'json']), path: filePath }),
    result: z.strictObject({ path: z.string(), lines: z.number() })
  },
  /** the Δ from one metadata source to another (the same shape as metadata:diff, counts included) */
  'intel:compareMetadata': {
    args: z.strictObject({ a: metadataSourceRefSchema, b: metadataSourceRefSchema }),
    result: metadataDiffSchema
  },
  /** Data Dictionary conformance of a profile's metadata against a reference file */
  'intel:conformance': {
    args: z.strictObject({ profileId: id, referencePath: filePath, threshold: z.number().min(0.5).max(1).optional() }),
    result: conformanceReportSchema
  },
  'intel:fieldMap': { args: z.strictObject(mapArgs), result: fieldMapSchema },
  /** DMQL → OData or SparkQL (`from: 'dmql'`), or OData → DMQL, through the map of the two profiles */
  'intel:translate': {
    args: z.strictObject({
      ...mapArgs,
      from: z.enum(['dmql', 'odata']),
      /** DMQL's target: OData $filter (default) or SparkQL (Spark's standard fields carry the RESO names) */
      to: z.enum(['odata', 'sparkql']).optional(),
      text: z.string().max(100_000)
    }),
    result: translationResultSchema
  },
  'intel:overridesGet': { args: z.strictObject({}), result: overridesSchema.extend({ path: z.string() }) },
  'intel:overridesSave': {
    args: z.strictObject({ overrides: overridesSchema }),
    result: z.strictObject({ path: z.string() })
  }
} as const
