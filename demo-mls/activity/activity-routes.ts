// Listing Activity API: the API-key page behind the X-ApiAccessSettings capability (RETS credentials),
// the tracker.gif GET and the ViewTracking XML POST. Status codes are the seed's: 200, 403 (bad key), 500
// (anything wrong with the upload — the seed documents no 400, so a bad document is a 500 with the reason).
import type { ServerResponse } from 'node:http'
import type { Mount } from '../http/router'
import type { DemoContext } from '../demo-context'
import { requireCaller } from '../rets/rets-access'
import { RETS_PATHS } from '../rets/rets-login'
import { xmlEscape } from '../rets/rets-envelope'
import { parseViewTracking, ViewTrackingError } from './view-tracking-xml'

/** Where view tracking lives: GET <base>/listing/<ListingId>/<apiKey>/tracker.gif, POST <base>/<apiKey>/ */
export const TRACKING_BASE = '/tracking/v1/listings/views'

/** The classic 43-byte 1×1 transparent GIF89a. */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  const body = Buffer.from(text, 'utf8')
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length })
  res.end(body)
}

function apiPage(ctx: DemoContext, username: string, key: string | undefined): string {
  const trackerExample = key ? `${ctx.baseUrl()}${TRACKING_BASE}/listing/{listingId}/${key}/tracker.gif` : ''
  const body = key
    ? `<p>Your API key:</p>\n<code id="api-key">${xmlEscape(key)}</code>\n<p>Tracking image: <code>${xmlEscape(trackerExample)}</code></p>\n<p>View upload (POST): <code>${xmlEscape(ctx.baseUrl() + TRACKING_BASE)}/${xmlEscape(key)}/</code></p>\n<p>Views recorded so far: <span id="view-count">${ctx.activity.views(key).length}</span></p>`
    : `<p>You have not generated an API key yet.</p>\n<form method="POST" action="${RETS_PATHS.apiAccess}"><input type="hidden" name="action" value="generate"><button type="submit">Generate API key</button></form>`
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Listing Activity API access</title></head>\n<body>\n<h1>Listing Activity API — ${xmlEscape(username)}</h1>\n${body}\n</body></html>\n`
}

export const mountActivity: Mount = (router) => {
  router.add('GET', RETS_PATHS.apiAccess, (req, res, ctx) => {
    const caller = requireCaller(req, res, ctx)
    if (!caller) return
    sendText(
      res,
      200,
      'text/html; charset=utf-8',
      apiPage(ctx, caller.user.username, ctx.activity.keyFor(caller.user.username))
    )
  })

  router.add('POST', RETS_PATHS.apiAccess, async (req, res, ctx) => {
    const caller = requireCaller(req, res, ctx)
    if (!caller) return
    const form = await req.form()
    const key =
      form.get('action') === 'generate'
        ? ctx.activity.generate(caller.user.username)
        : ctx.activity.keyFor(caller.user.username)
    sendText(res, 200, 'text/html; charset=utf-8', apiPage(ctx, caller.user.username, key))
  })

  router.add('GET', `${TRACKING_BASE}/listing/:listingId/:apiKey/tracker.gif`, (req, res, ctx) => {
    const apiKey = req.params.apiKey ?? ''
    if (!ctx.activity.userOf(apiKey)) {
      sendText(res, 403, 'text/plain; charset=utf-8', 'API key did not pass authorization.\n')
      return
    }
    ctx.activity.record([
      {
        source: 'tracker',
        apiKey,
        listingKey: req.params.listingId ?? '',
        viewDate: new Date().toISOString().slice(0, 10),
        supplier: String(req.headers.referer ?? 'Other'),
        count: 1,
        receivedAt: new Date().toISOString()
      }
    ])
    res.writeHead(200, {
      'Content-Type': 'image/gif',
      'Content-Length': TRANSPARENT_GIF.length,
      'Cache-Control': 'no-cache, no-store'
    })
    res.end(TRANSPARENT_GIF)
  })

  router.add('POST', `${TRACKING_BASE}/:apiKey`, async (req, res, ctx) => {
    const apiKey = req.params.apiKey ?? ''
    if (!ctx.activity.userOf(apiKey)) {
      sendText(res, 403, 'text/plain; charset=utf-8', 'API key did not pass authorization.\n')
      return
    }
    let views
    try {
      views = parseViewTracking((await req.body()).toString('utf8'))
    } catch (err) {
      const reason = err instanceof ViewTrackingError ? err.message : String(err)
      sendText(res, 500, 'text/plain; charset=utf-8', `Upload rejected: ${reason}\n`)
      return
    }
    const receivedAt = new Date().toISOString()
    const recorded = views.flatMap((v) =>
      v.listings.map((l) => ({
        source: 'post' as const,
        apiKey,
        listingKey: l.listingKey,
        viewDate: v.viewDate,
        supplier: v.supplier,
        count: l.count,
        ...(l.url ? { url: l.url } : {}),
        receivedAt
      }))
    )
    ctx.activity.record(recorded)
    sendText(
      res,
      200,
      'text/xml; charset=utf-8',
      `<?xml version="1.0" encoding="UTF-8"?>\n<ViewTrackingResult><Views>${views.length}</Views><Listings>${recorded.length}</Listings><TotalViewCount>${recorded.reduce((n, r) => n + r.count, 0)}</TotalViewCount></ViewTrackingResult>\n`
    )
  })
}
