// Sends Listing Activity events (Listing Activity API documentation) and reads the reply. The documentation gives only
// status codes (200 OK, 403 the API key did not pass authorization, 500 server error), so the reply is reported as it
// came: status, type, size, an excerpt — and on failure the server's own text, verbatim (redacted: the key is in the
// URL).
import { performance } from 'node:perf_hooks'
import { AppError } from '../../../contract/app-error'
import type {
  ActivityEvent,
  ActivityIssue,
  ActivityReply,
  ActivityValidation
} from '../../../contract/activity-channels'
import type { HttpClient } from '../../platform/http/http-client'
import { readCapped } from '../../platform/http/read-capped'
import { redactor } from '../../platform/redaction/redactor'
import { validateActivityEvent } from './activity-validation'
import { API_KEY_PLACEHOLDER, resolveTracking, trackerPath, uploadPath } from './tracking-urls'
import { composeViewTracking } from './view-tracking-document'

const EXCERPT = 2000
/** The reply is a 43-byte GIF or a short text; a server sending more is refused, not read on. */
export const ACTIVITY_REPLY_LIMIT = 4 * 1024 * 1024

/** What would be sent, with the key as {apiKey}: the composer's preview and the validate channel. */
export function previewActivity(event: ActivityEvent, apiKey = API_KEY_PLACEHOLDER): ActivityValidation {
  const issues = validateActivityEvent(event)
  const out: ActivityValidation = {
    valid: issues.length === 0,
    issues,
    method: event.kind === 'tracker' ? 'GET' : 'POST',
    path: event.kind === 'tracker' ? trackerPath(event.listingId, apiKey) : uploadPath(apiKey)
  }
  if (event.kind === 'views' && out.valid) out.body = composeViewTracking(event.views)
  if (event.kind === 'viewsXml') out.body = event.xml
  return out
}

export function invalidEventError(issues: ActivityIssue[]): AppError {
  return new AppError({
    code: 'ACTIVITY_INVALID',
    message: `The event was not sent: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
    hint: 'Correct the fields named above; nothing reached the server.'
  })
}

/** "GIF image 1×1, 43 bytes" for the tracking image, the text itself otherwise. */
function describeBody(body: Buffer, contentType: string | undefined): string {
  const magic = body.subarray(0, 6).toString('latin1')
  if (magic === 'GIF89a' || magic === 'GIF87a') {
    return `GIF image ${body.readUInt16LE(6)}×${body.readUInt16LE(8)}, ${body.length} bytes`
  }
  if (contentType && !/text|xml|json|html/i.test(contentType)) return `${contentType}, ${body.length} bytes`
  const text = body.toString('utf8')
  return redactor.text(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text)
}

export class ListingActivityClient {
  constructor(
    private readonly http: HttpClient,
    private readonly trackingUrl: string,
    private readonly apiKey: string,
    /** the profile's extra headers, sent with every event */
    private readonly extraHeaders: Record<string, string> = {}
  ) {
    // the key travels in the URL path: hide it in the wire log, errors and previews
    redactor.addSecret(apiKey)
  }

  async send(event: ActivityEvent, signal?: AbortSignal): Promise<ActivityReply> {
    const preview = previewActivity(event, this.apiKey)
    if (!preview.valid) throw invalidEventError(preview.issues)
    const url = resolveTracking(this.trackingUrl, preview.path)
    const started = performance.now()
    const res = await this.http.request({
      method: preview.method,
      url,
      headers: {
        ...this.extraHeaders,
        ...(preview.method === 'GET'
          ? { Accept: 'image/gif, */*' }
          : { 'Content-Type': 'application/xml; charset=utf-8', Accept: '*/*' })
      },
      ...(preview.body !== undefined ? { body: preview.body } : {}),
      ...(signal ? { signal } : {})
    })
    const body = await readCapped(res.body, ACTIVITY_REPLY_LIMIT, 'refuse', {
      method: preview.method,
      url,
      what: 'The Listing Activity reply',
      hint: 'The tracking API answers with a tiny image or a short text; check the tracking URL of the activity profile.'
    })
    const contentType = res.header('content-type')
    const reply: ActivityReply = {
      method: preview.method,
      url: redactor.url(url),
      status: res.status,
      ok: res.status >= 200 && res.status < 300,
      bytes: body.length,
      bodyExcerpt: describeBody(body, contentType),
      durationMs: Math.round(performance.now() - started)
    }
    if (contentType) reply.contentType = contentType
    if (res.wireId) reply.wireId = res.wireId
    if (!reply.ok) {
      const text = body.toString('utf8').trim()
      reply.serverError = redactor.text(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text) || res.statusText
    }
    return reply
  }
}
