// Metadata intelligence: the RETS → RESO field map and query translations cross IPC, so their schemas live here and
// domain/mapping and domain/query-languages/translate take their types from them.
import { z } from 'zod'

export const typeCompatibilitySchema = z.enum(['same', 'compatible', 'different'])

export const valuePairSchema = z.strictObject({
  /** RETS lookup Value (what DMQL queries and COMPACT rows carry) */
  rets: z.string(),
  retsLong: z.string().optional(),
  /** RESO enum member name or DD 2.x string value; absent = no RESO value found */
  reso: z.string().optional()
})

export const mappedFieldSchema = z.strictObject({
  retsName: z.string(),
  standardName: z.string().optional(),
  retsType: z.string(),
  /** absent: no RESO field found */
  resoName: z.string().optional(),
  resoType: z.string().optional(),
  /** how values compare (from the RESO type when mapped, else the RETS type) */
  kind: z.enum(['number', 'date', 'datetime', 'boolean', 'string']),
  multi: z.boolean(),
  compatibility: typeCompatibilitySchema.optional(),
  /** why the pair was made */
  matchedBy: z.enum(['standard-name', 'name', 'override']).optional(),
  /** qualified enum type for OData enum literals (`Ns.Enum`), when the RESO field is an enum */
  enumType: z.string().optional(),
  values: z.array(valuePairSchema).optional()
})

export const fieldMapSchema = z.strictObject({
  retsResource: z.string(),
  retsClass: z.string(),
  resoEntity: z.string(),
  fields: z.array(mappedFieldSchema),
  /** RESO fields no RETS field maps to */
  resoOnly: z.array(z.string()),
  /** parts that could not be loaded (a lookup the server refused…): the map is shown without them */
  warnings: z.array(z.string()).optional()
})

export const translationDiagnosticSchema = z.strictObject({ from: z.number(), to: z.number(), message: z.string() })

export const translationResultSchema = z.strictObject({
  /** absent when a diagnostic says some part cannot be translated */
  text: z.string().optional(),
  diagnostics: z.array(translationDiagnosticSchema)
})
