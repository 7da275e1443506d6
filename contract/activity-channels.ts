// activity:* — the Listing Activity API's composer: the two ways to report views — a tracker.gif GET per
// detail view, or a ViewTracking XML upload of daily counts (composed from fields, or edited XML sent as is) — the
// validation issues (each names its field and what is expected) and the server's reply. Field values are only
// loosely typed on purpose: the composer's validator checks them and names each field with what it expects, which
// a schema error could not say as well.
import { z } from 'zod'
import { id } from './common-fields'

export const activityListingViewSchema = z.strictObject({
  listingKey: z.string().max(1024),
  viewCount: z.number(),
  /** where the listing was shown (http/https), optional */
  url: z.string().max(4096).optional()
})
export type ActivityListingView = z.output<typeof activityListingViewSchema>

export const activityViewGroupSchema = z.strictObject({
  /** YYYY-MM-DD */
  viewDate: z.string().max(64),
  /** empty or absent = "Other", as the Listing Activity API counts views without a supplier */
  supplierName: z.string().max(1024).optional(),
  listings: z.array(activityListingViewSchema).max(100_000)
})
export type ActivityViewGroup = z.output<typeof activityViewGroupSchema>

export const activityEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tracker'), listingId: z.string().max(1024) }),
  z.strictObject({ kind: z.literal('views'), views: z.array(activityViewGroupSchema).max(10_000) }),
  /** a ViewTracking document the user edited: sent verbatim, the server is the judge */
  z.strictObject({ kind: z.literal('viewsXml'), xml: z.string().max(20 * 1024 * 1024) })
])
export type ActivityEvent = z.output<typeof activityEventSchema>

export const activityIssueSchema = z.strictObject({
  /** e.g. "views[0].listings[1].viewCount" */
  field: z.string(),
  message: z.string()
})
export type ActivityIssue = z.output<typeof activityIssueSchema>

const method = z.enum(['GET', 'POST'])

export const activityValidationSchema = z.strictObject({
  valid: z.boolean(),
  issues: z.array(activityIssueSchema),
  /** the request that would be sent, the API key shown as {apiKey} */
  method,
  /** path relative to the tracking URL, e.g. listings/views/{apiKey}/ */
  path: z.string(),
  /** the ViewTracking XML for uploads */
  body: z.string().optional()
})
export type ActivityValidation = z.output<typeof activityValidationSchema>

export const activityReplySchema = z.strictObject({
  method,
  /** redacted (the API key is part of the path) */
  url: z.string(),
  status: z.number(),
  ok: z.boolean(),
  contentType: z.string().optional(),
  bytes: z.number(),
  /** first part of a text body; for tracker.gif a description of the image */
  bodyExcerpt: z.string(),
  /** the server's own words when it refused (HTTP ≥ 400), verbatim but redacted */
  serverError: z.string().optional(),
  /** the wire-log entry, for the raw view */
  wireId: z.string().optional(),
  durationMs: z.number()
})
export type ActivityReply = z.output<typeof activityReplySchema>

export const activityChannels = {
  /** checks an event and shows the request it would make (the key as {apiKey}); sends nothing */
  'activity:validate': { args: z.strictObject({ event: activityEventSchema }), result: activityValidationSchema },
  /** connects when needed (finding the API key), sends the event, returns the server's reply */
  'activity:send': {
    args: z.strictObject({ profileId: id, event: activityEventSchema }),
    result: activityReplySchema
  }
} as const
