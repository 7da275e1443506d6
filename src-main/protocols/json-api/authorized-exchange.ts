// One API exchange with auth and throttling handled the same way for OData and Spark: headers from the token
// holder, one renewal when the server rejects the token, retry with Retry-After / backoff on 429 / 503 (and whatever
// `throttled` recognises, e.g. Spark 1550), quota headers reported. Error bodies are read up to 1 MB (a hostile
// server may send GBs);
// success bodies stay streams.
import { quotaHeaders } from './quota-headers'
import { ERROR_BODY_LIMIT, type ApiRequest, type ApiStreamResponse, type ApiTransport } from './api-transport'
import { readCapped } from '../../platform/http/read-capped'
import { DEFAULT_RETRY_POLICY, isThrottleStatus, retryDelayMs, sleep, type RetryPolicy } from './retry-policy'

export interface RequestAuthorizer {
  send<T>(attempt: (headers: Record<string, string>) => Promise<T>, rejected: (result: T) => boolean): Promise<T>
}

/** For servers without auth (and tests). */
export const noAuthorizer: RequestAuthorizer = {
  send: (attempt) => attempt({})
}

export interface ExchangeResponse extends ApiStreamResponse {
  /** the whole body when status >= 400 (then `body` is already consumed) */
  errorBody?: Buffer
  retries: number
}

export interface ExchangeOptions {
  transport: ApiTransport
  auth: RequestAuthorizer
  retry?: RetryPolicy
  /** token refused? default: HTTP 401 */
  rejected?: (status: number, errorBody: Buffer | undefined) => boolean
  /** throttled beyond 429/503? (Spark 1550) */
  throttled?: (status: number, errorBody: Buffer | undefined) => boolean
  onQuota?: (headers: Record<string, string>) => void
  /** called before each throttling wait, for progress / the wire log */
  onThrottle?: (delayMs: number, attempt: number) => void
}

export async function authorizedExchange(req: ApiRequest, opts: ExchangeOptions): Promise<ExchangeResponse> {
  const policy = opts.retry ?? DEFAULT_RETRY_POLICY
  const rejected = opts.rejected ?? ((status) => status === 401)
  for (let attempt = 0; ; attempt++) {
    const res = await opts.auth.send(
      async (authHeaders): Promise<ExchangeResponse> => {
        const r = await opts.transport.stream({ ...req, headers: { ...req.headers, ...authHeaders } })
        if (r.status < 400) return { ...r, retries: attempt }
        return { ...r, errorBody: await readCapped(r.body, ERROR_BODY_LIMIT, 'truncate'), retries: attempt }
      },
      (r) => rejected(r.status, r.errorBody)
    )
    const quota = quotaHeaders(res.headers)
    if (Object.keys(quota).length) opts.onQuota?.(quota)
    const throttled =
      isThrottleStatus(res.status) || (res.status >= 400 && opts.throttled?.(res.status, res.errorBody) === true)
    if (!throttled || attempt >= policy.maxRetries) return res
    const delay = retryDelayMs(policy, attempt, res.headers['retry-after'])
    opts.onThrottle?.(delay, attempt + 1)
    await sleep(delay, req.signal)
  }
}
