// GetObject (RETS 1.7.2 §5): ID = key:1:2,key2:* ; 0 = preferred photo; Location=1 answers with URLs (header-only
// parts, Content-Length 0) served by /rets/media/… below. How the replies look:
//   - one object asked (key:n) and found → a plain image reply with the object headers;
//   - nothing found at all (one missing object, an unknown listing whatever its ID list, a listing without photos)
//     → one RETS reply with ReplyCode 20403 "No Object Found", plus `RETS-Error: 1` for clients that only read headers;
//   - several objects asked, some found → multipart/parallel with per-part Content-ID / Object-ID /
//     Content-Description headers and a text/xml 20403 part for each missing one, like the flexmls capture in
//     fixtures/rets. Parts are rendered and written one at a time, so a 300 MB reply never sits in memory.
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../demo-context'
import type { DemoRequest } from '../http/router'
import type { ImageType } from '../data/types'
import { chunksLength } from '../data/jpeg-padding'
import { mediaPath } from '../data/listing-generator'
import { nextTurn, writeChunk } from '../http/stream-writes'
import { requireCaller } from './rets-access'
import { replyXml, retsHeaders, sendReplyCode } from './rets-envelope'

interface ObjectRef {
  key: string
  objectId: number
}

interface ObjectPart {
  headers: Record<string, string>
  body: Buffer[]
}

const TYPES: ImageType[] = ['Photo', 'HiRes']
const NO_OBJECT = 20403

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

function missingText(ctx: DemoContext, ref: ObjectRef, type: ImageType): string {
  return ctx.data.get(ref.key)
    ? `No Object Found: ${ref.key}:${ref.objectId} (${type}).`
    : `No Object Found: listing ${ref.key} does not exist.`
}

function buildPart(ctx: DemoContext, ref: ObjectRef, type: ImageType, location: boolean): ObjectPart {
  const listing = ctx.data.get(ref.key)
  const order = ref.objectId === 0 ? 1 : ref.objectId
  // rets-content-id-mismatch: the server files objects under its own id (here the MLS number), not the key asked
  const contentId = ctx.quirk('rets-content-id-mismatch') && listing ? `MLS-${listing.ListingId}` : ref.key
  const base = { 'Content-ID': contentId, 'Object-ID': String(ref.objectId) }
  const chunks = listing && (location ? [] : ctx.data.photoChunks(ref.key, ref.objectId, type))
  if (!listing || !chunks || (location && !ctx.data.hasPhoto(ref.key, ref.objectId))) {
    const xml = replyXml(NO_OBJECT, missingText(ctx, ref, type))
    return { headers: { ...base, 'Content-Type': 'text/xml' }, body: [Buffer.from(xml, 'utf8')] }
  }
  const media = listing.Media.find((m) => m.Order === order)
  const headers: Record<string, string> = { ...base, 'Content-Type': 'image/jpeg' }
  if (media) headers['Content-Description'] = media.ShortDescription
  if (order === 1) headers.Preferred = '1'
  if (location) headers.Location = ctx.baseUrl() + mediaPath(ref.key, order, type)
  return { headers, body: chunks }
}

async function streamMultipart(
  res: ServerResponse,
  ctx: DemoContext,
  parts: () => Iterable<ObjectPart>
): Promise<void> {
  const boundary = `DEMOMLS${randomBytes(18).toString('base64url')}`
  res.writeHead(
    200,
    retsHeaders(ctx, { 'MIME-Version': '1.0', 'Content-Type': `multipart/parallel; boundary="${boundary}"` })
  )
  for (const part of parts()) {
    const head = Object.entries({ ...part.headers, 'Content-Length': String(chunksLength(part.body)) })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')
    await writeChunk(res, res, `\r\n--${boundary}\r\n${head}\r\n\r\n`)
    for (const chunk of part.body) await writeChunk(res, res, chunk)
    await nextTurn()
  }
  res.end(`\r\n--${boundary}--\r\n`)
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
  const found = ids.refs.filter((ref) => ctx.data.hasPhoto(ref.key, ref.objectId))
  if (!found.length) {
    const first = ids.refs[0] as ObjectRef
    const text = ids.refs.length === 1 ? missingText(ctx, first, type) : `No Object Found: none of ${params.get('ID')}.`
    sendReplyCode(res, ctx, NO_OBJECT, text, '', { 'RETS-Error': '1' })
    return
  }
  if (!ids.multi && ids.refs.length === 1) {
    const part = buildPart(ctx, found[0] as ObjectRef, type, location)
    res.writeHead(
      200,
      retsHeaders(ctx, { 'MIME-Version': '1.0', ...part.headers, 'Content-Length': chunksLength(part.body) })
    )
    for (const chunk of part.body) await writeChunk(res, res, chunk)
    res.end()
    return
  }
  await streamMultipart(res, ctx, function* () {
    for (const ref of ids.refs) yield buildPart(ctx, ref, type, location)
  })
}

/** Location=1 targets: plain JPEGs without RETS auth, as a CDN would serve them. */
export async function handleMedia(req: DemoRequest, res: ServerResponse, ctx: DemoContext): Promise<void> {
  const type = TYPES.find((t) => t === req.params.type)
  const order = Number(req.params.order)
  const chunks = type && Number.isInteger(order) ? ctx.data.photoChunks(req.params.key ?? '', order, type) : undefined
  if (!chunks) {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found\n')
    return
  }
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': chunksLength(chunks),
    'Cache-Control': 'public, max-age=3600'
  })
  for (const chunk of chunks) await writeChunk(res, res, chunk)
  res.end()
}
