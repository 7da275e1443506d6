// The Listing Activity API (seed 001) across IPC: the two ways to report views — a tracker.gif GET per detail view,
// or a ViewTracking XML upload of daily counts (composed from fields, or edited XML sent as is) — the validation
// issues (each names its field and what is expected) and the server's reply.

export interface ActivityListingView {
  listingKey: string
  viewCount: number
  /** where the listing was shown (http/https), optional */
  url?: string
}

export interface ActivityViewGroup {
  /** YYYY-MM-DD */
  viewDate: string
  /** empty or absent = "Other" (seed 001, scenario 1) */
  supplierName?: string
  listings: ActivityListingView[]
}

export type ActivityEvent =
  | { kind: 'tracker'; listingId: string }
  | { kind: 'views'; views: ActivityViewGroup[] }
  /** a ViewTracking document the user edited: sent verbatim, the server is the judge */
  | { kind: 'viewsXml'; xml: string }

export interface ActivityIssue {
  /** e.g. "views[0].listings[1].viewCount" */
  field: string
  message: string
}

export interface ActivityValidation {
  valid: boolean
  issues: ActivityIssue[]
  /** the request that would be sent, the API key shown as {apiKey} */
  method: 'GET' | 'POST'
  /** path relative to the tracking URL, e.g. listings/views/{apiKey}/ */
  path: string
  /** the ViewTracking XML for uploads */
  body?: string
}

export interface ActivityReply {
  method: 'GET' | 'POST'
  /** redacted (the API key is part of the path) */
  url: string
  status: number
  ok: boolean
  contentType?: string
  bytes: number
  /** first part of a text body; for tracker.gif a description of the image */
  bodyExcerpt: string
  /** the server's own words when it refused (HTTP ≥ 400), verbatim but redacted */
  serverError?: string
  /** the wire-log entry, for the raw view */
  wireId?: string
  durationMs: number
}
