// The IDX sync inspector's channels (seed 002), spread into the one contract in ipc-contract.ts: a sync runs as a
// job (master list → compare with the local snapshot → on apply, fetch new/updated records by ID and write the
// snapshot); its report is asked for once the job has ended.
import { z } from 'zod'
import { IDX_SEARCH_TYPES, type IdxSyncReport } from './idx-sync-types'

const result = <T>(): T => undefined as T
const id = z.string().min(1).max(128)
const jobId = z.string().min(1).max(64)

export function idxChannels() {
  return {
    /** plan: compare only; apply: also fetch by ID (rows into `resultId`) and write the snapshot */
    'idx:sync': {
      args: z
        .object({
          profileId: id,
          searchType: z.enum(IDX_SEARCH_TYPES),
          action: z.enum(['plan', 'apply']),
          /** how to read the master list; COMPACT pages, STANDARD-XML is one full reply (seed 002) */
          masterFormat: z.enum(['COMPACT', 'STANDARD-XML']).optional(),
          /** ids per (ID=a,b,c) request; the IDX API pages at 100 */
          batchSize: z.number().int().min(1).max(100).optional()
        })
        .strict(),
      result: result<{ jobId: string; resultId?: string }>()
    },
    /** null while the job runs or when it failed (the error comes with job:progress) */
    'idx:syncReport': {
      args: z.object({ jobId }).strict(),
      result: result<IdxSyncReport | null>()
    }
  } as const
}
