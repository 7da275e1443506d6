// Quota / rate-limit headers differ per vendor (X-RateLimit-*, RateLimit-*, X-Quota-*, Spark's X-SparkApi-*
// limits, Trestle's Hour-Quota-*), so anything that looks like one is surfaced verbatim for the UI.
const QUOTA_HEADER = /(rate-?limit|quota|retry-after|x-request-limit)/i

export function quotaHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) if (QUOTA_HEADER.test(k)) out[k] = v
  return out
}
