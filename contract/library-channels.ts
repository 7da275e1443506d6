// library:* — the saved-query library: one plain file per query in `<userData>/library/` (users keep them in git),
// addressed by id; import and export take a full .json path. The schemas here are also the file format.
import { z } from 'zod'
import { filePath, id, name, oneLine } from './common-fields'
import { queryKindSchema } from './kinds'
import { querySpecSchema } from './query-channels'

export const SAVED_QUERY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/

/** A saved query as the renderer sends it; the library adds id and timestamps and checks names per folder. */
export const savedQueryDraftSchema = z.strictObject({
  name: oneLine(120).min(1),
  /** '' or absent = top level */
  folder: oneLine(120).optional(),
  tags: z.array(oneLine(40).min(1)).max(30).optional(),
  description: z.string().max(10_000).optional(),
  /** absent = kept for any profile whose query language is spec.kind */
  profileId: id.optional(),
  spec: querySpecSchema
})
export type SavedQueryDraft = z.output<typeof savedQueryDraftSchema>

/** A saved query on disk. Strict at every level, so a key nobody knows about — a password pasted in by hand, say —
 * is refused. */
export const savedQuerySchema = savedQueryDraftSchema
  .extend({
    /** the file name without .json; stays the same when the query is renamed */
    id: z.string().regex(SAVED_QUERY_ID_PATTERN, 'must be a lower-case slug (a-z, 0-9, -)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime()
  })
  .strict()
export type SavedQuery = z.output<typeof savedQuerySchema>

/** A file in the library folder (or an entry of an import) that could not be read; listed, never fatal. */
export const libraryProblemSchema = z.strictObject({ file: z.string(), message: z.string() })
export type LibraryProblem = z.output<typeof libraryProblemSchema>

export const libraryListingSchema = z.strictObject({
  queries: z.array(savedQuerySchema),
  problems: z.array(libraryProblemSchema)
})
export type LibraryListing = z.output<typeof libraryListingSchema>

export const libraryFilterSchema = z.strictObject({
  /** queries saved for this profile plus those kept for any profile of its query language */
  profileId: id.optional(),
  kind: queryKindSchema.optional(),
  /** every word must appear in the name, folder, tags, description or query text (any case) */
  text: z.string().max(500).optional()
})
export type LibraryFilter = z.output<typeof libraryFilterSchema>

/** Where a saved query mentions a field. */
export const fieldUsagePlaceSchema = z.enum(['filter', 'select', 'orderby'])
export type FieldUsagePlace = z.output<typeof fieldUsagePlaceSchema>

export const savedQueryUsageSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  folder: z.string().optional(),
  places: z.array(fieldUsagePlaceSchema)
})
export type SavedQueryUsage = z.output<typeof savedQueryUsageSchema>

export const libraryUsageSchema = z.strictObject({ count: z.number(), queries: z.array(savedQueryUsageSchema) })
export type LibraryUsage = z.output<typeof libraryUsageSchema>

export const libraryImportSummarySchema = z.strictObject({
  imported: z.array(savedQuerySchema),
  /** entries whose name was taken in their folder and got a numbered one */
  renamed: z.array(z.strictObject({ from: z.string(), to: z.string() })),
  problems: z.array(libraryProblemSchema)
})
export type LibraryImportSummary = z.output<typeof libraryImportSummarySchema>

const queryId = z.string().min(1).max(80)

export const libraryChannels = {
  'library:list': { args: libraryFilterSchema, result: libraryListingSchema },
  'library:get': { args: z.strictObject({ queryId }), result: savedQuerySchema },
  /** creates when `queryId` is absent, else replaces that saved query; names are unique per folder */
  'library:save': {
    args: z.strictObject({ queryId: queryId.optional(), query: savedQueryDraftSchema }),
    result: savedQuerySchema
  },
  /** new name and, when given, new folder ('' = top level); the id stays */
  'library:rename': {
    args: z.strictObject({ queryId, name: oneLine(120).min(1), folder: oneLine(120).optional() }),
    result: savedQuerySchema
  },
  'library:duplicate': {
    args: z.strictObject({ queryId, name: oneLine(120).min(1).optional() }),
    result: savedQuerySchema
  },
  'library:delete': { args: z.strictObject({ queryId }), result: z.strictObject({ deleted: z.boolean() }) },
  'library:export': {
    args: z.strictObject({ path: filePath, queryIds: z.array(queryId).max(10_000).optional() }),
    result: z.strictObject({ path: z.string(), count: z.number() })
  },
  'library:import': { args: z.strictObject({ path: filePath }), result: libraryImportSummarySchema },
  /** saved queries (of this profile, or kept for any profile of its kind) that mention a field */
  'library:usage': {
    args: z.strictObject({
      profileId: id,
      resource: name,
      class: name.optional(),
      field: name,
      standardName: name.optional()
    }),
    result: libraryUsageSchema
  }
} as const
