// photos:* — photo export as a job: start an export (keys given or read from a result column in main), the dialog's
// choices for a connection, the naming pattern's live example, the summary when the job ends, and thumbnails of
// the first files written.
import { z } from 'zod'
import { id, jobId, name } from './common-fields'

export const photoFetchModeSchema = z.enum(['multipart', 'location', 'single'])
export type PhotoFetchMode = z.output<typeof photoFetchModeSchema>

/** `*` all objects, `0` the preferred one (RETS 1.7.2 §5.3), or explicit object numbers (1-based). */
export const objectIdSelectionSchema = z.union([
  z.literal('*'),
  z.literal('0'),
  z.array(z.number().int().min(0)).max(1000)
])
export type ObjectIdSelection = z.output<typeof objectIdSelectionSchema>

export const photoExportRequestSchema = z
  .strictObject({
    /** absolute folder; created when missing */
    destination: z.string().min(1).max(4096),
    /** keys given by the renderer (a selection, a pasted list) … */
    listingKeys: z.array(z.string().min(1).max(256)).min(1).max(100_000).optional(),
    /** … or every distinct value of one column of a result held in main (a million rows never cross IPC) */
    keysFrom: z.strictObject({ resultId: id, column: name }).optional(),
    /** RETS object types (Photo, HiRes…), RESO MediaCategory values (Photo…), or Spark sizes (Uri640, UriLarge…) */
    types: z.array(name).min(1).max(20),
    /** default `*` */
    objectIds: objectIdSelectionSchema.optional(),
    /** default `{ListingKey}/{ObjectId}.{ext}` (`{ListingKey}/{Type}/{ObjectId}.{ext}` for several types) */
    namingPattern: z.string().max(500).optional(),
    /** listing keys per request (RETS GetObject ID list, RESO/Spark record fetches); default 10 */
    batchSize: z.number().int().min(1).max(500).optional(),
    /** parallel URL downloads (Location=1, MediaURL, Spark Uri…); default 4 */
    concurrency: z.number().int().min(1).max(32).optional(),
    /** default true: skip objects a previous run completed (manifest + size + hash) */
    resume: z.boolean().optional(),
    /** how a previous file is checked on resume: size and SHA-256 (default) or size only */
    verify: z.enum(['hash', 'size']).optional(),
    /** on resume, ask again for listings whose objects failed last time (default false: missing stays missing) */
    retryFailed: z.boolean().optional()
  })
  .refine((r) => (r.listingKeys === undefined) !== (r.keysFrom === undefined), {
    message: 'give either listingKeys or keysFrom'
  })
export type PhotoExportRequestArgs = z.output<typeof photoExportRequestSchema>

/** What the photo export dialog offers for one connection. */
export const photoExportChoicesSchema = z.strictObject({
  /** which object source: RETS GetObject (RETS and the IDX API), RESO Media, Spark photos */
  kind: z.enum(['rets', 'reso', 'spark']),
  resource: z.string(),
  /** RETS object types, RESO media categories, Spark photo sizes */
  types: z.array(z.strictObject({ value: z.string(), label: z.string(), description: z.string().optional() })),
  defaultTypes: z.array(z.string()),
  /** RETS only: how objects are fetched */
  modes: z.array(photoFetchModeSchema),
  /** the resource's key field (RETS KeyField, RESO ListingKey, Spark Id): the default key column */
  keyField: z.string().optional(),
  defaultPattern: z.string(),
  tokens: z.array(z.string())
})
export type PhotoExportChoices = z.output<typeof photoExportChoicesSchema>

export const exportErrorEntrySchema = z.strictObject({
  listing: z.string(),
  type: z.string(),
  objectId: z.string(),
  message: z.string(),
  missing: z.boolean()
})
export type ExportErrorEntry = z.output<typeof exportErrorEntrySchema>

/** What a photo export did: counts, bytes, errors (first few hundred) and the first files for thumbnails. */
export const photoExportSummarySchema = z.strictObject({
  destination: z.string(),
  manifestCsv: z.string(),
  manifestJsonl: z.string(),
  listings: z.number(),
  written: z.number(),
  skipped: z.number(),
  failed: z.number(),
  /** failed because the object does not exist (a subset of failed) */
  missing: z.number(),
  /** objects whose Content-ID matched none of the requested listings, kept in `unmatchedFolder` (not counted as written) */
  unmatched: z.number(),
  /** absolute folder of the unmatched objects; empty when there are none */
  unmatchedFolder: z.string(),
  /** listings whose requested objects were not all written or reported absent: a resume asks for them again */
  listingsNotDone: z.number(),
  bytesWritten: z.number(),
  /** bytes received from the network (includes discarded error bodies and re-sent complete parts) */
  bytesDownloaded: z.number(),
  durationMs: z.number(),
  cancelled: z.boolean(),
  /** the first few hundred errors; `errorsOmitted` counts the rest */
  errors: z.array(exportErrorEntrySchema),
  errorsOmitted: z.number(),
  /** relative paths of the first files written (thumbnail strip) */
  firstFiles: z.array(z.string())
})
export type PhotoExportSummary = z.output<typeof photoExportSummarySchema>

/** A small image of an exported file for the summary's thumbnail strip. */
export const photoThumbnailSchema = z.strictObject({ file: z.string(), dataUrl: z.string(), bytes: z.number() })
export type PhotoThumbnail = z.output<typeof photoThumbnailSchema>

export const namingPreviewSchema = z.strictObject({
  example: z.string().optional(),
  errors: z.array(z.string()),
  warnings: z.array(z.string())
})
export type NamingPreview = z.output<typeof namingPreviewSchema>

export const photoChannels = {
  'photos:export': {
    args: z.strictObject({
      profileId: id,
      resource: name.optional(),
      mode: photoFetchModeSchema.optional(),
      request: photoExportRequestSchema
    }),
    result: z.strictObject({ jobId: z.string(), listings: z.number() })
  },
  /** what the export dialog offers for a connection: object types / media categories / sizes, modes, key field */
  'photos:options': {
    args: z.strictObject({ profileId: id, resource: name.optional() }),
    result: photoExportChoicesSchema
  },
  /** the naming pattern's live example and its problems, from the same code that names the files */
  'photos:preview': {
    args: z.strictObject({ pattern: z.string().max(500), types: z.array(name).max(20) }),
    result: namingPreviewSchema
  },
  /** null while the export runs (progress comes as job:progress) */
  'photos:summary': { args: z.strictObject({ jobId }), result: photoExportSummarySchema.nullable() },
  /** one of the summary's first files as a small data URL; only files that export wrote can be asked for */
  'photos:thumbnail': {
    args: z.strictObject({ jobId, file: z.string().min(1).max(1024) }),
    result: photoThumbnailSchema.nullable()
  }
} as const
