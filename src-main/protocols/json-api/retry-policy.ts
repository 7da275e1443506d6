// Throttling: 429 / 503 and Spark 1550 with Retry-After (seconds or an HTTP date) and exponential
// backoff when the server gives no hint. Capped so a hostile Retry-After cannot park a job for hours.

export interface RetryPolicy {
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 60_000 }

export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503
}

/** Retry-After → milliseconds, or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter: string | undefined): number {
  const hinted = parseRetryAfter(retryAfter)
  const delay = hinted ?? policy.baseDelayMs * 2 ** attempt
  return Math.min(delay, policy.maxDelayMs)
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(signal.reason)
      },
      { once: true }
    )
  })
}
