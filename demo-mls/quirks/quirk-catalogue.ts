// The server variations the Demo MLS can play, one entry per behaviour seen on real MLS servers. Each quirk is off by
// default; turn them on with `--quirks a,b`, `POST /admin/quirks` or `startDemoMls({ quirks: [...] })`.
export const QUIRKS = {
  // RETS login and session
  'rets-basic-only': 'RETS login challenges with Basic only (no Digest offered)',
  'rets-relative-capability-urls': 'the login reply lists capability URLs relative to the login URL',
  'rets-html-logout': 'Logout answers an HTML page instead of a RETS reply',
  // RETS metadata
  'rets-no-metadata-lookup': 'METADATA-LOOKUP is refused with 20501 Invalid Type; only METADATA-LOOKUP_TYPE is served',
  'rets-object-metadata-20503': 'METADATA-OBJECT answers 20503 No Metadata Found',
  'rets-table-other-class': 'METADATA-TABLE for a class answers with the Class attribute of another class',
  // RETS search
  'rets-compact-for-standard-xml': 'a Search asking Format=STANDARD-XML is answered in COMPACT',
  'rets-compact-decoded-refused': 'Format=COMPACT-DECODED is refused with 20206 Invalid Format',
  'rets-offset-ignored': 'Search ignores Offset and always answers from the first row',
  // RETS GetObject
  'rets-content-id-mismatch': 'GetObject parts carry a Content-ID that is none of the requested keys',
  // RESO Web API
  'reso-no-lookup': 'the service has no Lookup resource (404 on /Lookup, no Lookup entity set in $metadata)',
  'reso-count-refused': '$count=true is refused with 400',
  'reso-relative-nextlink': '@odata.nextLink is relative to the service root',
  'reso-skiptoken-nextlink': '@odata.nextLink pages with $skiptoken instead of $skip',
  'reso-token-no-expiry': 'the token reply has no expires_in and says token_type "bearer" in lower case',
  'reso-error-plain-text': 'OData errors come as text/plain instead of the JSON error object',
  'reso-error-html': 'OData errors come as an HTML page',
  // Spark
  'spark-no-standardfields': '/standardfields answers 404'
} as const

export type QuirkName = keyof typeof QUIRKS

export const QUIRK_NAMES = Object.keys(QUIRKS) as QuirkName[]

export function isQuirkName(name: string): name is QuirkName {
  return Object.hasOwn(QUIRKS, name)
}

/** `"a,b"`, `"rets-*"` or `"all"` → quirk names; an unknown name is an error that lists the known ones. */
export function parseQuirkList(text: string): QuirkName[] {
  const names = new Set<QuirkName>()
  for (const raw of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === 'all') QUIRK_NAMES.forEach((n) => names.add(n))
    else if (raw.endsWith('*')) {
      const matching = QUIRK_NAMES.filter((n) => n.startsWith(raw.slice(0, -1)))
      if (matching.length === 0) throw new Error(`No quirk matches "${raw}"; known: ${QUIRK_NAMES.join(', ')}`)
      matching.forEach((n) => names.add(n))
    } else if (isQuirkName(raw)) names.add(raw)
    else throw new Error(`Unknown quirk "${raw}"; known: ${QUIRK_NAMES.join(', ')}`)
  }
  return [...names]
}
