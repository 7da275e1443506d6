// idx:* — the IDX sync inspector (the IDX API's data synchronisation): a sync runs as a job (master list → compare with the
// local snapshot → on apply, fetch new/updated records by ID and write the snapshot); its report is asked for once
// the job has ended. Id lists are capped (a feed can have 100 000 records); `truncated` says when a list shows only
// the first ones while `count` is always the full number.
import { z } from 'zod'
import { id, jobId } from './common-fields'

export const IDX_SEARCH_TYPES = ['Property', 'Agent', 'Office'] as const
export const idxSearchTypeSchema = z.enum(IDX_SEARCH_TYPES)
export type IdxSearchType = z.output<typeof idxSearchTypeSchema>

export const idxSyncBucketSchema = z.strictObject({
  count: z.number(),
  ids: z.array(z.string()),
  truncated: z.boolean()
})
export type IdxSyncBucket = z.output<typeof idxSyncBucketSchema>

export const idxSyncPlanSummarySchema = z.strictObject({
  new: idxSyncBucketSchema,
  updated: idxSyncBucketSchema,
  deleted: idxSyncBucketSchema,
  unchanged: idxSyncBucketSchema
})
export type IdxSyncPlanSummary = z.output<typeof idxSyncPlanSummarySchema>

export const idxSyncReportSchema = z.strictObject({
  profileId: z.string(),
  searchType: idxSearchTypeSchema,
  action: z.enum(['plan', 'apply']),
  /** records in the server's master list */
  masterCount: z.number(),
  /** records in the local snapshot before this run */
  snapshotCount: z.number(),
  /** when the snapshot was last written (absent: no snapshot yet) */
  snapshotSyncedAt: z.string().optional(),
  plan: idxSyncPlanSummarySchema,
  /** apply: records fetched by ID (new + updated that the server returned) */
  fetched: z.number().optional(),
  /** apply: new/updated ids the server did not return (left out of the snapshot, so the next plan shows them) */
  missing: z.array(z.string()).optional(),
  /** apply: the fetched records, paged with results:page */
  resultId: z.string().optional(),
  /** apply: records in the snapshot after this run */
  snapshotCountAfter: z.number().optional(),
  snapshotFile: z.string(),
  durationMs: z.number(),
  warnings: z.array(z.string())
})
export type IdxSyncReport = z.output<typeof idxSyncReportSchema>

export const idxChannels = {
  /** plan: compare only; apply: also fetch by ID (rows into `resultId`) and write the snapshot */
  'idx:sync': {
    args: z.strictObject({
      profileId: id,
      searchType: idxSearchTypeSchema,
      action: z.enum(['plan', 'apply']),
      /** how to read the master list; COMPACT pages, STANDARD-XML is one full reply (the IDX API cannot page it) */
      masterFormat: z.enum(['COMPACT', 'STANDARD-XML']).optional(),
      /** ids per (ID=a,b,c) request; the IDX API pages at 100 */
      batchSize: z.number().int().min(1).max(100).optional()
    }),
    result: z.strictObject({ jobId: z.string(), resultId: z.string().optional() })
  },
  /** null while the job runs or when it failed (the error comes with job:progress) */
  'idx:syncReport': { args: z.strictObject({ jobId }), result: idxSyncReportSchema.nullable() }
} as const
