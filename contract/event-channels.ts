// Events main pushes to the renderer (over IPC, or the web mode's event socket): job progress, log lines, files
// that changed on disk under the app's folders, and commands of the desktop app's menu.
import { z } from 'zod'
import { jobProgressSchema } from './job-channels'
import { MENU_COMMANDS } from './menu-commands'

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
  'folder:changed': z.strictObject({ folder: z.enum(['profiles', 'library']) }),
  /** the desktop app's menu asks the window to run a command */
  'menu:command': z.strictObject({ command: z.enum(MENU_COMMANDS) })
} as const
