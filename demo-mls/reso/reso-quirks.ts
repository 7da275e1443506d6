// The RESO Web API's real-server variations (quirks/quirk-catalogue.ts): error bodies that are not the OData JSON
// error object, $count refused, and next links that are relative or carry an opaque $skiptoken holding the whole
// query (the options are not repeated on the link, as several vendors do).
import type { DemoContext } from '../demo-context'
import { ODataRequestError } from './odata-request-error'

/** The error body and its Content-Type when a quirk replaces the OData JSON error object; undefined otherwise. */
export function quirkyErrorBody(ctx: DemoContext, err: ODataRequestError): { type: string; body: string } | undefined {
  if (ctx.quirk('reso-error-html')) {
    const text = err.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    return {
      type: 'text/html; charset=utf-8',
      body:
        `<!DOCTYPE html>\n<html><head><title>${err.status} ${err.code}</title>` +
        `<style>body { font-family: sans-serif }</style><script>var x = 1 < 2;</script></head>\n` +
        `<body><h1>${err.code}</h1>\n<p>${text}</p>\n<hr><address>Demo MLS gateway</address></body></html>\n`
    }
  }
  if (ctx.quirk('reso-error-plain-text')) return { type: 'text/plain; charset=utf-8', body: `${err.message}\n` }
  return undefined
}

/** reso-count-refused: `$count=true` on a collection is a 400. */
export function refuseCount(ctx: DemoContext, params: URLSearchParams): void {
  if (ctx.quirk('reso-count-refused') && params.get('$count') === 'true')
    throw new ODataRequestError(
      400,
      'BadRequest',
      'The query option $count is not supported by this service.',
      '$count'
    )
}

const OPAQUE = 'q1.'

/**
 * The next link as this server words it: absolute with the options repeated (default), relative to the service
 * root (reso-relative-nextlink), and/or with one opaque $skiptoken that holds the whole query
 * (reso-skiptoken-nextlink).
 */
export function shapeNextLink(ctx: DemoContext, serviceRoot: string, link: string): string {
  let out = link
  if (ctx.quirk('reso-skiptoken-nextlink')) {
    const url = new URL(link)
    const token = OPAQUE + Buffer.from(url.searchParams.toString(), 'utf8').toString('base64url')
    out = `${url.origin}${url.pathname}?$skiptoken=${token}`
  }
  if (ctx.quirk('reso-relative-nextlink') && out.startsWith(`${serviceRoot}/`)) out = out.slice(serviceRoot.length + 1)
  return out
}

/** The query an opaque $skiptoken stands for (the request's own params when it is not one). */
export function unwrapSkipToken(params: URLSearchParams): URLSearchParams {
  const token = params.get('$skiptoken')
  if (!token?.startsWith(OPAQUE)) return params
  const inner = new URLSearchParams(Buffer.from(token.slice(OPAQUE.length), 'base64url').toString('utf8'))
  if (!inner.has('$skiptoken'))
    throw new ODataRequestError(400, 'BadRequest', 'The $skiptoken is not valid.', '$skiptoken')
  return inner
}
