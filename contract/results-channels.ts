// results:* — rows of a query (or of a local copy's SQL) stay in main, spilled to disk when big; the renderer asks for pages
// and main writes exports, so a million rows never cross IPC.
import { z } from 'zod'
import { filePath, id } from './common-fields'

export const resultColumnSchema = z.strictObject({
  name: z.string(),
  /** set when the column is a lookup, so the grid can show long values */
  lookupName: z.string().optional()
})
export type ResultColumn = z.output<typeof resultColumnSchema>

export const resultSummarySchema = z.strictObject({
  resultId: z.string(),
  columns: z.array(resultColumnSchema),
  total: z.number(),
  complete: z.boolean(),
  serverCount: z.number().optional(),
  maxRowsReached: z.boolean().optional(),
  pages: z.number(),
  warnings: z.array(z.string()),
  /** the wire-log entries of the query's requests, for the raw view */
  wireIds: z.array(z.string())
})
export type ResultSummary = z.output<typeof resultSummarySchema>

export const resultPageSchema = z.strictObject({
  offset: z.number(),
  rows: z.array(z.array(z.string())),
  total: z.number(),
  /** false while a job is still appending */
  complete: z.boolean()
})
export type ResultPage = z.output<typeof resultPageSchema>

export const resultsChannels = {
  'results:summary': { args: z.strictObject({ resultId: id }), result: resultSummarySchema },
  'results:page': {
    args: z.strictObject({ resultId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
    result: resultPageSchema
  },
  'results:export': {
    args: z.strictObject({
      resultId: id,
      format: z.enum(['csv', 'json', 'xlsx']),
      path: filePath,
      /** CSV only: start with a UTF-8 byte order mark so Excel reads accents right */
      bom: z.boolean().optional()
    }),
    result: z.strictObject({ path: z.string(), rows: z.number(), bytes: z.number() })
  },
  /**
   * One photo of a result row as a data URL, for the record inspector's thumbnails (the page's CSP admits no remote
   * image): main downloads it without credentials, only when the URL is in that row, and only up to a size bound.
   */
  'results:photo': {
    args: z.strictObject({
      profileId: id,
      resultId: id,
      row: z.number().int().min(0),
      url: z.string().max(4000)
    }),
    result: z.strictObject({ dataUrl: z.string(), contentType: z.string(), bytes: z.number() })
  }
} as const
