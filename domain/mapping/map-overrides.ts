// The user's corrections to the RETS → RESO map, kept as a plain JSON file in the library folder so it can live in
// git beside the saved queries. Shape:
// {
//   "fields": { "Property:A": { "LIST_99": "BuyerAgentKey", "LIST_3": null } },      // null = do not map
//   "values": { "Property:A.LIST_15": { "OV61GOJ13C0": "Active" } },
//   "classes": { "Property:B": "PropertyType eq 'Land'" }       // OData condition selecting the class's records
// }
import { z } from 'zod'

export const mapOverridesSchema = z.strictObject({
  version: z.literal(1).default(1),
  fields: z.record(z.string(), z.record(z.string(), z.string().nullable())).default({}),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  classes: z.record(z.string(), z.string()).optional()
})

export type MapOverrides = z.output<typeof mapOverridesSchema>

export function emptyOverrides(): MapOverrides {
  return { version: 1, fields: {}, values: {} }
}

/** Parses the file's text; a file that is not valid says where (zod's path) rather than being ignored. */
export function parseOverrides(text: string): MapOverrides {
  return mapOverridesSchema.parse(JSON.parse(text))
}
