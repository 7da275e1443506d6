// sync:* — keeping a local copy of a feed (RETS, RESO, Spark, the IDX API) in a database: plan (new / updated / deleted /
// unchanged counts from the master list and the first keys of each changed bucket, nothing fetched) and run are jobs with progress and cancel; their report
// is asked for once the job has ended. status reads the store's targets and logged runs; query runs read-only SQL on
// the copy into a result (paged with results:page, exported like any result).
import { z } from 'zod'
import { id, jobId, jobStarted, name } from './common-fields'

/** What to sync: a RETS resource and class, a RESO entity set or an IDX SearchType (resource only), Spark listings. */
export const syncTargetSchema = z.strictObject({ resource: name.optional(), class: name.optional() })
export type SyncTarget = z.output<typeof syncTargetSchema>

/** The SearchTypes of the IDX API (IDX API documentation): the targets an IDX profile syncs. */
export const IDX_SEARCH_TYPES = ['Property', 'Agent', 'Office'] as const

export const syncCountsSchema = z.strictObject({
  new: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number()
})

/**
 * How many keys of each bucket a plan report lists: a plan of a million-row feed can have a million new keys, and
 * the report goes over IPC and into the CLI's JSON whole. The bucket's total is in `counts`.
 */
export const PLAN_KEYS_LISTED = 200

const plannedKeys = z.array(z.string()).max(PLAN_KEYS_LISTED)
export const syncPlanSampleSchema = z.strictObject({ new: plannedKeys, updated: plannedKeys, deleted: plannedKeys })
export type SyncPlanSample = z.output<typeof syncPlanSampleSchema>

export const syncPlanReportSchema = z.strictObject({
  action: z.literal('plan'),
  target: z.string(),
  counts: syncCountsSchema,
  /** the first PLAN_KEYS_LISTED keys of each changed bucket, in the master list's order (the store's for deleted) */
  sample: syncPlanSampleSchema,
  masterCount: z.number(),
  storeCount: z.number(),
  highWaterMark: z.string().optional()
})

export const syncRunReportSchema = z.strictObject({
  action: z.literal('run'),
  target: z.string(),
  runId: z.number(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  counts: syncCountsSchema,
  resumed: z.boolean(),
  since: z.string().optional(),
  highWaterMark: z.string().optional(),
  durationMs: z.number(),
  warnings: z.array(z.string()),
  /** photos of new and updated listings exported after the sync (when asked) */
  photoJobId: z.string().optional()
})

export const syncReportSchema = z.discriminatedUnion('action', [syncPlanReportSchema, syncRunReportSchema])
export type SyncReport = z.output<typeof syncReportSchema>

export const syncRunRowSchema = z.strictObject({
  id: z.number(),
  target: z.string(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  since: z.string().optional(),
  cursor: z.string().optional(),
  maxStamp: z.string().optional(),
  counts: syncCountsSchema,
  highWaterMark: z.string().optional(),
  error: z.string().optional()
})

export const syncStatusSchema = z.strictObject({
  store: z.strictObject({ kind: z.enum(['sqlite', 'postgres']), location: z.string() }),
  tables: z.array(z.strictObject({ target: z.string(), table: z.string(), highWaterMark: z.string().optional() })),
  runs: z.array(syncRunRowSchema)
})
export type SyncStatus = z.output<typeof syncStatusSchema>

export const syncChannels = {
  'sync:plan': { args: z.strictObject({ profileId: id, target: syncTargetSchema }), result: jobStarted },
  'sync:run': {
    args: z.strictObject({
      profileId: id,
      target: syncTargetSchema,
      /** seconds re-read before the high-water mark (servers stamp late); default 300 */
      overlapSeconds: z.number().int().min(0).max(86_400).optional(),
      /** export photos of new and updated listings into this folder after the sync */
      photosTo: z.string().min(1).max(4096).optional()
    }),
    result: jobStarted
  },
  /** null while the job runs or when it failed (the error comes with job:progress) */
  'sync:report': { args: z.strictObject({ jobId }), result: syncReportSchema.nullable() },
  'sync:status': { args: z.strictObject({ profileId: id }), result: syncStatusSchema },
  /** read-only SQL on the profile's local copy; rows go to a result for the grid */
  'sync:query': {
    args: z.strictObject({
      profileId: id,
      sql: z.string().min(1).max(100_000),
      maxRows: z.number().int().min(1).max(1_000_000).optional()
    }),
    result: z.strictObject({ resultId: z.string(), rows: z.number(), truncated: z.boolean() })
  }
} as const
