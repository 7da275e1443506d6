// Argument pieces every channel file shares. Argument schemas are strict: unknown keys are refused, so a renderer
// cannot smuggle options past validation.
import { z } from 'zod'

/** A profile, result, wire entry or other id that main handed out. */
export const id = z.string().min(1).max(128)
/** A resource, class, field or lookup name from the server's metadata. */
export const name = z.string().min(1).max(256)
export const jobId = z.string().min(1).max(64)
/** A full path the user typed or picked (main checks it is absolute and of the right kind). */
export const filePath = z.string().min(1).max(4096)
export const noArgs = z.strictObject({})

// one line of text people read in lists (names, folders, tags): no control characters, so files and menus stay tidy
const ONE_LINE = /^\P{Cc}*$/u
export const oneLine = (max: number) => z.string().max(max).regex(ONE_LINE, 'must be one line of text')

/** The reply of a channel that starts a job: its id, for job:progress and job:cancel. */
export const jobStarted = z.strictObject({ jobId: z.string() })
