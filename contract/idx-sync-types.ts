// What the IDX sync inspector (seed 002) sends across IPC: the plan made by comparing the server's master list
// with the local snapshot, and what an apply fetched. Id lists are capped (a feed can have 100 000 records);
// `truncated` says when the list shows only the first ones while `count` is always the full number.

export const IDX_SEARCH_TYPES = ['Property', 'Agent', 'Office'] as const
export type IdxSearchType = (typeof IDX_SEARCH_TYPES)[number]

export interface IdxSyncBucket {
  count: number
  ids: string[]
  truncated: boolean
}

export interface IdxSyncPlanSummary {
  new: IdxSyncBucket
  updated: IdxSyncBucket
  deleted: IdxSyncBucket
  unchanged: IdxSyncBucket
}

export interface IdxSyncReport {
  profileId: string
  searchType: IdxSearchType
  action: 'plan' | 'apply'
  /** records in the server's master list */
  masterCount: number
  /** records in the local snapshot before this run */
  snapshotCount: number
  /** when the snapshot was last written (absent: no snapshot yet) */
  snapshotSyncedAt?: string
  plan: IdxSyncPlanSummary
  /** apply: records fetched by ID (new + updated that the server returned) */
  fetched?: number
  /** apply: new/updated ids the server did not return (left out of the snapshot, so the next plan shows them) */
  missing?: string[]
  /** apply: the fetched records, paged with results:page */
  resultId?: string
  /** apply: records in the snapshot after this run */
  snapshotCountAfter?: number
  snapshotFile: string
  durationMs: number
  warnings: string[]
}
