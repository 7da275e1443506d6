// query:* — a query runs as a job in main; its rows land in a result the renderer pages through (results:*).
// One spec per query language: DMQL2 for RETS and the IDX API, OData for the RESO Web API, SparkQL for Spark.
import { z } from 'zod'
import { id, name } from './common-fields'

const rowCap = z.number().int().min(1).max(10_000_000)

export const retsFormatSchema = z.enum(['COMPACT', 'COMPACT-DECODED', 'STANDARD-XML'])
export type RetsFormat = z.output<typeof retsFormatSchema>

const dmqlQuery = z.strictObject({
  kind: z.literal('dmql'),
  resource: name,
  class: name,
  query: z.string().max(100_000),
  format: retsFormatSchema,
  select: z.array(name).max(2000).optional(),
  limit: rowCap.optional(),
  offset: z.number().int().min(1).optional(),
  count: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  standardNames: z.boolean(),
  /** follow pages until the server has no more (bounded by maxRows) */
  fetchAll: z.boolean(),
  maxRows: rowCap.optional()
})
const odataQuery = z.strictObject({
  kind: z.literal('odata'),
  resource: name,
  filter: z.string().max(100_000).optional(),
  select: z.array(name).max(2000).optional(),
  top: rowCap.optional(),
  skip: z.number().int().min(0).optional(),
  orderby: z.string().max(2000).optional(),
  expand: z.string().max(2000).optional(),
  count: z.boolean(),
  fetchAll: z.boolean(),
  maxRows: rowCap.optional()
})
const sparkQuery = z.strictObject({
  kind: z.literal('spark'),
  filter: z.string().max(100_000).optional(),
  select: z.array(name).max(2000).optional(),
  expand: z.string().max(2000).optional(),
  orderby: z.string().max(2000).optional(),
  limit: rowCap.optional(),
  page: z.number().int().min(1).optional(),
  fetchAll: z.boolean(),
  maxRows: rowCap.optional()
})
export const querySpecSchema = z.discriminatedUnion('kind', [dmqlQuery, odataQuery, sparkQuery])
export type QuerySpec = z.output<typeof querySpecSchema>

export const queryChannels = {
  'query:run': {
    args: z.strictObject({ profileId: id, spec: querySpecSchema }),
    result: z.strictObject({ jobId: z.string(), resultId: z.string() })
  }
} as const
