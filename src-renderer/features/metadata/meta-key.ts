// Cache keys for per-class fields and per-lookup values. A control character separates the parts because RETS
// names may contain ':' or '/' (e.g. class "RE_1:Residential" on some servers) but never control characters.
export function metaKey(...parts: string[]): string {
  return parts.join('\u0001')
}
