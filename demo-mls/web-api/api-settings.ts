// Per-instance switches of the Demo MLS RESO and Spark APIs (shared, hence outside reso/ and spark/) (tests flip them through `apiSettingsFor(ctx)`):
// server page cap, enum vs. DD 2.x string lookups, throttling of the next N requests, @odata.count as a string.
import type { DemoContext } from '../demo-context'

export interface DemoApiSettings {
  /** OData server-side page cap, whatever $top / Prefer ask (Bridge 200, Trestle 1000…) */
  maxPageSize: number
  /** 'enum': lookups are EnumTypes (filter with Ns.Enum'Value'); 'string': Edm.String + LookupName annotation */
  lookupStyle: 'enum' | 'string'
  /** answer the next N API requests with 429 (RESO) / 503 + D.Code 1550 (Spark) */
  throttleNext: number
  retryAfterSeconds: number
  /** send @odata.count as a JSON string (seen on some servers) */
  countAsString: boolean
}

const settings = new WeakMap<DemoContext, DemoApiSettings>()

export function apiSettingsFor(ctx: DemoContext): DemoApiSettings {
  let s = settings.get(ctx)
  if (!s) {
    s = { maxPageSize: 200, lookupStyle: 'enum', throttleNext: 0, retryAfterSeconds: 1, countAsString: false }
    settings.set(ctx, s)
  }
  return s
}

/** true (and counts down) when this request is to be throttled */
export function takeThrottle(ctx: DemoContext): boolean {
  const s = apiSettingsFor(ctx)
  if (s.throttleNext <= 0) return false
  s.throttleNext--
  return true
}
