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
  /** the RETS field's lookup; with no `values`, they could not be loaded and no value of it can be translated */
  retsLookup: z.string().optional(),
  values: z.array(valuePairSchema).optional()
})

export const fieldMapSchema = z.strictObject({
  retsResource: z.string(),
  retsClass: z.string(),
  resoEntity: z.string(),
  fields: z.array(mappedFieldSchema),
  /** RESO fields no RETS field maps to */
  resoOnly: z.array(z.string()),
  /** the OData condition that selects the RETS class's records in the entity set (from the overrides file, or the
   * class whose name is a PropertyType value); translations add it so both sides ask for the same listings */
  classCondition: z.string().optional(),
  /** parts that could not be loaded (a lookup the server refused…): the map is shown without them */
  warnings: z.array(z.string()).optional()
})

export const translationDiagnosticSchema = z.strictObject({ from: z.number(), to: z.number(), message: z.string() })

export const translationResultSchema = z.strictObject({
  /** absent when a diagnostic says some part cannot be translated */
  text: z.string().optional(),
  diagnostics: z.array(translationDiagnosticSchema)
})

/** A standard field the local metadata has, under its own name. */
const fieldPair = z.strictObject({ standard: z.string(), local: z.string() })

export const resourceConformanceSchema = z.strictObject({
  /** the reference's resource (entity set) name */
  resource: z.string(),
  /** the local resource it was matched with; absent = the local metadata lacks the resource */
  local: z.string().optional(),
  standardFields: z.number(),
  /** present / standard fields, in per cent (one decimal) */
  coverage: z.number(),
  present: z.array(fieldPair),
  missing: z.array(z.string()),
  mismatches: z.array(
    fieldPair.extend({ problem: z.enum(['type', 'length']), expected: z.string(), actual: z.string() })
  ),
  /** local lookup values that are not in the standard lookup */
  nonStandardValues: z.array(fieldPair.extend({ lookup: z.string(), values: z.array(z.string()) })),
  /** near-miss names: the local field, the standard field it most likely means, and the score (0…1) */
  variations: z.array(fieldPair.extend({ score: z.number() })),
  /** local fields that are neither standard nor a variation */
  localFields: z.array(z.string())
})

export const conformanceReportSchema = z.strictObject({
  reference: z.strictObject({ id: z.string(), resources: z.number(), fields: z.number() }),
  threshold: z.number(),
  resources: z.array(resourceConformanceSchema),
  /** local resources the reference does not have */
  localResources: z.array(z.string()),
  /** parts not compared (a RETS class whose fields were not loaded…) */
  notCompared: z.array(z.string())
})

/** One field whose values differ on the two sides after normalisation (decimals, dates, lookups). */
export const valueDifferenceSchema = z.strictObject({
  key: z.string(),
  columnA: z.string(),
  columnB: z.string(),
  valueA: z.string(),
  valueB: z.string()
})

export const resultComparisonSchema = z.strictObject({
  keyA: z.string(),
  keyB: z.string(),
  rowsA: z.number(),
  rowsB: z.number(),
  /** keys on both sides */
  matched: z.number(),
  onlyA: z.array(z.string()),
  onlyB: z.array(z.string()),
  /** the column pairs compared (A's column ↔ B's) */
  compared: z.array(z.strictObject({ a: z.string(), b: z.string() })),
  differences: z.array(valueDifferenceSchema),
  /** rows with at least one difference */
  rowsDiffering: z.number(),
  /** lists were cut at this many entries each (the export has them all) */
  truncatedAt: z.number().optional()
})
