// Events main pushes to the renderer (over IPC, or the web mode's event socket): job progress, log lines, and files
// that changed on disk under the app's folders.
import { z } from 'zod'
import { jobProgressSchema } from './job-channels'

export const logLineSchema = z.strictObject({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
  at: z.string()
})
export type LogLine = z.output<typeof logLineSchema>

export const eventChannels = {
  'job:progress': jobProgressSchema,
  'log:line': logLineSchema,
  /** files in the profiles or saved-queries folder changed on disk (not necessarily by the app) */
  'folder:changed': z.strictObject({ folder: z.enum(['profiles', 'library']) })
} as const
