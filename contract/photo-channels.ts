// The photo export's channels, spread into the one contract in ipc-contract.ts: start an export (keys given or read
// from a result column in main), the dialog's choices for a connection, the naming pattern's live example, the
// summary when the job ends, and thumbnails of the first files written.
import { z } from 'zod'
import type { PhotoExportOptions, PhotoExportSummary, PhotoThumbnail } from './workbench-types'

const result = <T>(): T => undefined as T
const id = z.string().min(1).max(128)
const name = z.string().min(1).max(256)
const jobId = z.string().min(1).max(64)

const exportRequest = z
  .object({
    destination: z.string().min(1).max(4096),
    /** keys given by the renderer (a selection, a pasted list) … */
    listingKeys: z.array(z.string().min(1).max(256)).min(1).max(100_000).optional(),
    /** … or every distinct value of one column of a result held in main (a million rows never cross IPC) */
    keysFrom: z.object({ resultId: id, column: name }).strict().optional(),
    types: z.array(name).min(1).max(20),
    objectIds: z.union([z.literal('*'), z.literal('0'), z.array(z.number().int().min(0)).max(1000)]).optional(),
    namingPattern: z.string().max(500).optional(),
    batchSize: z.number().int().min(1).max(500).optional(),
    concurrency: z.number().int().min(1).max(32).optional(),
    resume: z.boolean().optional(),
    verify: z.enum(['hash', 'size']).optional(),
    retryFailed: z.boolean().optional()
  })
  .strict()
  .refine((r) => (r.listingKeys === undefined) !== (r.keysFrom === undefined), {
    message: 'give either listingKeys or keysFrom'
  })

export function photoChannels() {
  return {
    'photos:export': {
      args: z
        .object({
          profileId: id,
          resource: name.optional(),
          mode: z.enum(['multipart', 'location', 'single']).optional(),
          request: exportRequest
        })
        .strict(),
      result: result<{ jobId: string; listings: number }>()
    },
    /** what the export dialog offers for a connection: object types / media categories / sizes, modes, key field */
    'photos:options': {
      args: z.object({ profileId: id, resource: name.optional() }).strict(),
      result: result<PhotoExportOptions>()
    },
    /** the naming pattern's live example and its problems, from the same code that names the files */
    'photos:preview': {
      args: z.object({ pattern: z.string().max(500), types: z.array(name).max(20) }).strict(),
      result: result<{ example?: string; errors: string[]; warnings: string[] }>()
    },
    /** null while the export runs (progress comes as job:progress) */
    'photos:summary': { args: z.object({ jobId }).strict(), result: result<PhotoExportSummary | null>() },
    /** one of the summary's first files as a small data URL; only files that export wrote can be asked for */
    'photos:thumbnail': {
      args: z.object({ jobId, file: z.string().min(1).max(1024) }).strict(),
      result: result<PhotoThumbnail | null>()
    }
  } as const
}
