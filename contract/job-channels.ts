// job:* — long work (queries, exports, reports, syncs) runs as jobs in main with an id, progress and cancel; the
// progress of each arrives as the job:progress event.
import { z } from 'zod'
import { appErrorShapeSchema } from './app-error'
import { jobId, noArgs } from './common-fields'

export const jobStateSchema = z.enum(['running', 'done', 'failed', 'cancelled'])
export type JobState = z.output<typeof jobStateSchema>

export const jobProgressSchema = z.strictObject({
  jobId: z.string(),
  kind: z.string(),
  title: z.string(),
  state: jobStateSchema,
  /** units done so far (rows, objects, bytes…) */
  done: z.number(),
  /** total units when known */
  total: z.number().optional(),
  unit: z.string(),
  /** units per second, smoothed */
  rate: z.number().optional(),
  message: z.string().optional(),
  error: appErrorShapeSchema.optional()
})
export type JobProgress = z.output<typeof jobProgressSchema>

export const jobChannels = {
  'job:list': { args: noArgs, result: z.array(jobProgressSchema) },
  'job:cancel': { args: z.strictObject({ jobId }), result: z.strictObject({ cancelled: z.boolean() }) }
} as const
