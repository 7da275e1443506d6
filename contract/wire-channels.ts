// wire:* — the raw exchanges of every request (redacted) for the raw view: the list, slices of a body, and the
// request as a command for curl, PowerShell or fetch.
import { z } from 'zod'
import { id, noArgs } from './common-fields'

export const wireEntrySchema = z.strictObject({
  id: z.string(),
  method: z.string(),
  /** redacted */
  url: z.string(),
  status: z.number().optional(),
  startedAt: z.string(),
  durationMs: z.number().optional(),
  /** redacted */
  requestHeaders: z.record(z.string(), z.string()),
  responseHeaders: z.record(z.string(), z.string()),
  requestBody: z.string().optional(),
  contentType: z.string().optional(),
  bodySize: z.number(),
  error: z.string().optional(),
  /** the body is no longer kept: why (the raw log's byte cap dropped it) */
  bodyDropped: z.string().optional()
})
export type WireEntry = z.output<typeof wireEntrySchema>

export const wireBodySliceSchema = z.strictObject({
  id: z.string(),
  offset: z.number(),
  total: z.number(),
  /** text when the body is text in a known charset, base64 otherwise (hex view) */
  encoding: z.enum(['text', 'base64']),
  data: z.string()
})
export type WireBodySlice = z.output<typeof wireBodySliceSchema>

export const wireImageSchema = z.strictObject({
  /** the part's position in the reply (0 for a single image) */
  index: z.number(),
  contentType: z.string(),
  bytes: z.number(),
  contentId: z.string().optional(),
  objectId: z.string().optional(),
  /** a data: URL; absent when the image is too large for a thumbnail */
  dataUrl: z.string().optional()
})
export type WireImage = z.output<typeof wireImageSchema>

export const wireChannels = {
  'wire:list': { args: noArgs, result: z.array(wireEntrySchema) },
  'wire:body': {
    args: z.strictObject({
      id,
      offset: z.number().int().min(0),
      length: z
        .number()
        .int()
        .min(1)
        .max(1024 * 1024)
    }),
    result: wireBodySliceSchema
  },
  /** the request as a runnable command: secrets as environment variables (named in `variables`), RETS login first */
  'wire:copyAs': {
    args: z.strictObject({ id, format: z.enum(['curl', 'powershell', 'fetch']) }),
    result: z.strictObject({ text: z.string(), variables: z.array(z.string()) })
  },
  /** the recorded response body to a file, atomically; text redacted as the raw view shows it */
  'wire:saveBody': {
    args: z.strictObject({ id, path: z.string().min(1) }),
    result: z.strictObject({ path: z.string(), bytes: z.number(), redacted: z.boolean() })
  },
  /** the images of a response (one image, or the image parts of a multipart reply), bounded in count and size */
  'wire:images': {
    args: z.strictObject({ id }),
    result: z.strictObject({ images: z.array(wireImageSchema), more: z.boolean() })
  }
} as const
