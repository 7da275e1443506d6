// GetObject (RETS 1.7.2 §5): ID = key:1:2,key2:* ; 0 = preferred photo; Location=1 answers with URLs (header-only
// parts, Content-Length 0) served by /rets/media/… below. One object → a plain image reply (or a 20403 RETS
// reply); several → multipart/parallel with per-part Content-ID / Object-ID / Content-Description headers and
// 20403 XML parts for the missing ones, like the flexmls capture in fixtures/rets.
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'
import type { DemoRequest } from '../http/router'
import type { ImageType } from '../data/types'
import { mediaPath } from '../data/listing-generator'
import { requireCaller } from './rets-access'
import { replyXml, retsHeaders, sendReplyCode } from './rets-envelope'

interface ObjectRef {
  key: string
  objectId: number
}

interface ObjectPart {
  ref: ObjectRef
  headers: Record<string, string>
  body: Buffer
}

const TYPES: ImageType[] = ['Photo', 'HiRes']

/** Expands the ID list; undefined when it cannot be parsed (→ 20402 style reply). */
function expandIds(ctx: DemoContext, idParam: string): { refs: ObjectRef[]; multi: boolean } | undefined {
  const refs: ObjectRef[] = []
  let multi = false
  const entries = idParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (!entries.length) return undefined
  if (entries.length > 1) multi = true
  for (const entry of entries) {
    const [key = '', ...ids] = entry.split(':')
    if (!key) return undefined
    const list = ids.length ? ids : ['*']
    if (list.length > 1) multi = true
    for (const id of list) {
      if (id === '*') {
        multi = true
        const count = ctx.data.get(key)?.PhotosCount ?? 0
        if (count === 0) refs.push({ key, objectId: 1 })
        for (let i = 1; i <= count; i++) refs.push({ key, objectId: i })
      } else if (/^\d+$/.test(id)) {
        refs.push({ key, objectId: Number(id) })
      } else {
        return undefined
      }
    }
  }
  return { refs, multi }
}

function buildPart(ctx: DemoContext, ref: ObjectRef, type: ImageType, location: boolean): ObjectPart {
  const listing = ctx.data.get(ref.key)
  const order = ref.objectId === 0 ? 1 : ref.objectId
  const bytes = ctx.data.photo(ref.key, ref.objectId, type)
  const base = { 'Content-ID': ref.key, 'Object-ID': String(ref.objectId) }
  if (!listing || !bytes) {
    const text = !listing
      ? `No Object Found: listing ${ref.key} does not exist.`
      : `No Object Found: ${ref.key}:${ref.objectId} (${type}).`
    return { ref, headers: { ...base, 'Content-Type': 'text/xml' }, body: Buffer.from(replyXml(20403, text), 'utf8') }
  }
  const media = listing.Media.find((m) => m.Order === order)
  const headers: Record<string, string> = { ...base, 'Content-Type': 'image/jpeg' }
  if (media) headers['Content-Description'] = media.ShortDescription
  if (order === 1) headers.Preferred = '1'
  if (location) {
    headers.Location = ctx.baseUrl() + mediaPath(ref.key, order, type)
    return { ref, headers, body: Buffer.alloc(0) }
  }
  return { ref, headers, body: bytes }
}

export async function handleGetObject(req: DemoRequest, res: ServerResponse, ctx: DemoContext): Promise<void> {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const params = await req.form()
  const resource = params.get('Resource') ?? ''
  if (resource !== 'Property') {
    sendReplyCode(res, ctx, 20400, `Invalid Resource: ${resource || '(none)'}. Objects exist for Property only.`)
    return
  }
  const type = TYPES.find((t) => t.toLowerCase() === (params.get('Type') ?? '').toLowerCase())
  if (!type) {
    sendReplyCode(
      res,
      ctx,
      20401,
      `Invalid Type: ${params.get('Type') ?? '(none)'}. Valid types are ${TYPES.join(', ')}.`
    )
    return
  }
  const ids = expandIds(ctx, params.get('ID') ?? '')
  if (!ids) {
    sendReplyCode(
      res,
      ctx,
      20402,
      `Invalid Identifier: ${params.get('ID') ?? '(none)'}. Use key:1, key:1:2, key:* or key:0.`
    )
    return
  }
  const location = params.get('Location') === '1'
  const parts = ids.refs.map((ref) => buildPart(ctx, ref, type, location))

  if (!ids.multi && parts.length === 1) {
    const part = parts[0] as ObjectPart
    if (part.headers['Content-Type'] === 'text/xml') {
      // Single-object errors come as a RETS reply; `RETS-Error: 1` marks it for clients that only look at headers.
      res.writeHead(200, retsHeaders(ctx, { 'RETS-Error': '1', 'Content-Length': part.body.length }))
      res.end(part.body)
      return
    }
    res.writeHead(200, retsHeaders(ctx, { 'MIME-Version': '1.0', ...part.headers, 'Content-Length': part.body.length }))
    res.end(part.body)
    return
  }

  const boundary = `DEMOMLS${randomBytes(18).toString('base64url')}`
  res.writeHead(
    200,
    retsHeaders(ctx, { 'MIME-Version': '1.0', 'Content-Type': `multipart/parallel; boundary="${boundary}"` })
  )
  for (const part of parts) {
    const head = Object.entries({ ...part.headers, 'Content-Length': String(part.body.length) })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')
    res.write(`\r\n--${boundary}\r\n${head}\r\n\r\n`)
    res.write(part.body)
  }
  res.end(`\r\n--${boundary}--\r\n`)
}

/** Location=1 targets: plain JPEGs without RETS auth, as a CDN would serve them. */
export function handleMedia(req: DemoRequest, res: ServerResponse, ctx: DemoContext): void {
  const type = TYPES.find((t) => t === req.params.type)
  const order = Number(req.params.order)
  const bytes = type && Number.isInteger(order) ? ctx.data.photo(req.params.key ?? '', order, type) : undefined
  if (!bytes) {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found\n')
    return
  }
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': bytes.length,
    'Cache-Control': 'public, max-age=3600'
  })
  res.end(bytes)
}
