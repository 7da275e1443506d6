// The Spark `D` envelope (Spark API documentation): every reply is {"D": {Success, Results?, Pagination?, Code?,
// Message?, Details?, SparkQLErrors?}}. Success=false carries the error in D.Code/D.Message, whatever the HTTP status
// says.
import { AppError } from '../../../contract/app-error'
import { describeSparkCode } from './error-codes'
import { asRecord } from '../json-api/json-shapes'

export interface SparkPagination {
  totalRows: number
  pageSize: number
  totalPages: number
  currentPage: number
}

export interface SparkEnvelope {
  success: boolean
  results: unknown[]
  pagination?: SparkPagination
  code?: number
  message?: string
  details?: unknown
  /** D.SparkQLErrors, sent with 1040/1041 */
  sparkQlErrors?: unknown
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

export function parsePagination(value: unknown): SparkPagination | undefined {
  const p = asRecord(value)
  if (!p) return undefined
  return {
    totalRows: toNumber(p.TotalRows) ?? 0,
    pageSize: toNumber(p.PageSize) ?? 0,
    totalPages: toNumber(p.TotalPages) ?? 0,
    currentPage: toNumber(p.CurrentPage) ?? 0
  }
}

/** Reads the envelope without judging it; throws only when the body is not a D envelope at all. */
export function parseSparkEnvelope(body: unknown): SparkEnvelope {
  const root = asRecord(body)
  const d = asRecord(root?.D)
  if (!d) {
    throw new AppError({
      code: 'SPARK_NO_ENVELOPE',
      message: 'The reply is not a Spark API response (no "D" object).',
      hint: 'Check the base URL: Spark API endpoints start with /v1/.'
    })
  }
  const env: SparkEnvelope = {
    success: d.Success === true,
    results: Array.isArray(d.Results) ? d.Results : []
  }
  const pagination = parsePagination(d.Pagination)
  if (pagination) env.pagination = pagination
  const code = toNumber(d.Code)
  if (code !== undefined) env.code = code
  if (typeof d.Message === 'string') env.message = d.Message
  if (d.Details !== undefined) env.details = d.Details
  if (d.SparkQLErrors !== undefined) env.sparkQlErrors = d.SparkQLErrors
  return env
}

/** The AppError for a failed envelope: the server's words as the message, the code table's meaning as the hint. */
export function sparkEnvelopeError(env: SparkEnvelope, httpStatus?: number): AppError {
  const info = env.code !== undefined ? describeSparkCode(env.code) : undefined
  const message =
    env.message ?? info?.meaning ?? `Spark API request failed${httpStatus ? ` (HTTP ${httpStatus})` : ''}.`
  const extra = env.details ?? env.sparkQlErrors
  const detailParts: string[] = []
  if (env.code !== undefined) detailParts.push(`Spark code ${env.code}${info ? `: ${info.meaning}` : ''}`)
  if (httpStatus !== undefined) detailParts.push(`HTTP ${httpStatus}`)
  if (extra !== undefined) detailParts.push(JSON.stringify(extra))
  const shape = {
    code: env.code !== undefined ? `SPARK_${env.code}` : 'SPARK_ERROR',
    message,
    detail: detailParts.join('\n')
  }
  return new AppError(info ? { ...shape, hint: info.hint } : shape)
}

/** Parses and throws the AppError when Success is not true. */
export function unwrapSparkEnvelope(body: unknown, httpStatus?: number): SparkEnvelope {
  const env = parseSparkEnvelope(body)
  if (!env.success) throw sparkEnvelopeError(env, httpStatus)
  return env
}
