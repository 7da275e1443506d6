// GetMetadata (RETS 1.7.2 §11): Type=METADATA-<TYPE>, ID = 0 | * | Resource | Resource:Class | Resource:*,
// Format = COMPACT | STANDARD-XML (default). COMPACT-DECODED is a search format only → 20514.
import type { ServerResponse } from 'node:http'
import type { DemoContext } from '../../demo-context'
import type { DemoRequest } from '../../http/router'
import { requireCaller } from '../rets-access'
import { XML_DECL, sendReplyCode, xmlEscape } from '../rets-envelope'
import { XmlStream } from '../xml-writer'
import { findRetsClass, findRetsResource, retsResources, type RetsResource } from '../rets-resources'
import {
  classBlock,
  foreignKeysBlock,
  lookupBlock,
  lookupTypeBlock,
  objectBlock,
  resourceBlock,
  systemBlock,
  tableBlock,
  type MetadataBlock,
  type MetadataType
} from './demo-metadata-blocks'
import { renderCompact, renderStandardXml } from './metadata-writers'

const TYPES: MetadataType[] = ['SYSTEM', 'RESOURCE', 'CLASS', 'TABLE', 'LOOKUP', 'LOOKUP_TYPE', 'OBJECT', 'FOREIGNKEYS']

class MetadataError extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message)
  }
}

function allOf(ctx: DemoContext, resources: RetsResource[]): MetadataBlock[] {
  const blocks: MetadataBlock[] = [systemBlock(ctx), resourceBlock(ctx, resources)]
  for (const r of resources) {
    blocks.push(classBlock(ctx, r))
    for (const c of r.classes) blocks.push(tableBlock(ctx, r, c))
    blocks.push(lookupBlock(ctx, r))
    for (const l of ctx.data.lookups(r.catalogue)) blocks.push(lookupTypeBlock(ctx, r, l.name) as MetadataBlock)
    if (r.objectTypes.length) blocks.push(objectBlock(ctx, r))
  }
  blocks.push(foreignKeysBlock(ctx, resources))
  return blocks
}

function resourcesFor(resources: RetsResource[], id: string): RetsResource[] {
  if (id === '*' || id === '0') return resources
  const r = findRetsResource(resources, id)
  if (!r)
    throw new MetadataError(
      20500,
      `Invalid Resource: ${id}. Valid resources are ${resources.map((x) => x.id).join(', ')}.`
    )
  return [r]
}

export function selectBlocks(ctx: DemoContext, type: MetadataType, id: string): MetadataBlock[] {
  const resources = retsResources(ctx)
  const [resId = '', sub] = id.split(':')
  switch (type) {
    case 'SYSTEM':
      return id === '*' ? allOf(ctx, resources) : [systemBlock(ctx)]
    case 'RESOURCE':
      return [resourceBlock(ctx, id === '*' || id === '0' ? resources : resourcesFor(resources, id))]
    case 'CLASS':
      return resourcesFor(resources, resId).map((r) => classBlock(ctx, r))
    case 'TABLE':
    case 'LOOKUP_TYPE': {
      if (sub === undefined && resId !== '*' && resId !== '0') {
        if (type === 'TABLE')
          throw new MetadataError(20502, `Invalid Identifier: ${id}. Use Resource:Class, Resource:* or *.`)
      }
      const blocks: MetadataBlock[] = []
      for (const r of resourcesFor(resources, resId)) {
        if (type === 'TABLE') {
          const classes =
            sub === undefined || sub === '*' ? r.classes : [findRetsClass(r, sub)].filter((c) => c !== undefined)
          if (!classes.length)
            throw new MetadataError(
              20502,
              `Invalid Identifier: class ${sub ?? ''} of ${r.id}. Valid classes are ${r.classes.map((c) => c.name).join(', ')}.`
            )
          for (const c of classes) blocks.push(tableBlock(ctx, r, c))
        } else {
          const names = sub === undefined || sub === '*' ? ctx.data.lookups(r.catalogue).map((l) => l.name) : [sub]
          for (const n of names) {
            const b = lookupTypeBlock(ctx, r, n)
            if (!b) throw new MetadataError(20502, `Invalid Identifier: lookup ${n} of ${r.id}.`)
            blocks.push(b)
          }
        }
      }
      return blocks
    }
    case 'LOOKUP':
      return resourcesFor(resources, resId).map((r) => lookupBlock(ctx, r))
    case 'OBJECT':
      return resourcesFor(resources, resId)
        .filter((r) => r.objectTypes.length > 0 || resId !== '*')
        .map((r) => objectBlock(ctx, r))
    case 'FOREIGNKEYS':
      // foreign keys belong to the system, not a resource: ID is 0 or *
      return [foreignKeysBlock(ctx, resources)]
  }
}

/** Real servers that serve only part of the metadata: refusals of whole types (quirks). */
function quirkRefusal(ctx: DemoContext, type: MetadataType): { code: number; text: string } | undefined {
  if (type === 'LOOKUP' && ctx.quirk('rets-no-metadata-lookup')) return { code: 20501, text: 'Invalid Type' }
  if (type === 'OBJECT' && ctx.quirk('rets-object-metadata-20503')) return { code: 20503, text: 'No Metadata Found' }
  return undefined
}

/** What quirky servers put in a reply: no LOOKUP in a full dump, a TABLE named for another class. */
function quirkBlocks(ctx: DemoContext, type: MetadataType, id: string, blocks: MetadataBlock[]): MetadataBlock[] {
  let out = blocks
  if (ctx.quirk('rets-no-metadata-lookup')) out = out.filter((b) => b.type !== 'LOOKUP')
  if (ctx.quirk('rets-object-metadata-20503')) out = out.filter((b) => b.type !== 'OBJECT')
  const [resId = '', sub] = id.split(':')
  if (type === 'TABLE' && sub && sub !== '*' && ctx.quirk('rets-table-other-class')) {
    const resource = findRetsResource(retsResources(ctx), resId)
    const others = resource?.classes.filter((c) => c.name !== sub) ?? []
    const other = others[0]?.name ?? `${sub}_OTHER`
    out = out.map((b) => (b.type === 'TABLE' ? { ...b, attrs: { ...b.attrs, Class: other } } : b))
  }
  return out
}

export async function handleGetMetadata(req: DemoRequest, res: ServerResponse, ctx: DemoContext): Promise<void> {
  const caller = requireCaller(req, res, ctx)
  if (!caller) return
  const params = await req.form()
  const rawType = (params.get('Type') ?? '').toUpperCase()
  const type = rawType.replace(/^METADATA-/, '') as MetadataType
  const id = params.get('ID') ?? '0'
  const format = (params.get('Format') ?? 'STANDARD-XML').toUpperCase()
  if (!TYPES.includes(type)) {
    sendReplyCode(
      res,
      ctx,
      20501,
      `Invalid Type: ${rawType || '(none)'}. Supported: ${TYPES.map((t) => 'METADATA-' + t).join(', ')}.`
    )
    return
  }
  if (format !== 'COMPACT' && format !== 'STANDARD-XML') {
    sendReplyCode(
      res,
      ctx,
      20514,
      `Requested DTD version unavailable: ${format} is not a metadata format (use COMPACT or STANDARD-XML).`
    )
    return
  }
  const refusal = quirkRefusal(ctx, type)
  if (refusal) {
    sendReplyCode(res, ctx, refusal.code, refusal.text)
    return
  }
  let blocks: MetadataBlock[]
  try {
    blocks = quirkBlocks(ctx, type, id, selectBlocks(ctx, type, id))
  } catch (err) {
    if (err instanceof MetadataError) {
      sendReplyCode(res, ctx, err.code, err.message)
      return
    }
    throw err
  }
  // streamed block by block (a full dump of a real MLS runs to tens of MB)
  const stream = new XmlStream(res, ctx, { 'MIME-Version': '1.0', 'Content-ID': `METADATA-${type}` })
  const compact = format === 'COMPACT'
  await stream.write(`${XML_DECL}<RETS ReplyCode="0" ReplyText="${xmlEscape('Operation Successful')}">\r\n`)
  if (!compact) await stream.write('<METADATA>\r\n')
  for (const block of blocks)
    await stream.write(compact ? renderCompact(block) : renderStandardXml(block, ctx.options.retsVersion))
  await stream.end(compact ? '</RETS>\r\n' : '</METADATA>\r\n</RETS>\r\n')
}
