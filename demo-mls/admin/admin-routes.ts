// Admin API of the Demo MLS, for tests and sync demos: mutate listings, flip fault modes, read the
// change log and recorded Listing Activity views. Not part of any MLS protocol, so plain JSON and no auth.
import type { Mount } from '../http/router'
import { readJson, sendJson } from '../http/json-reply'
import type { FaultState } from '../demo-context'
import type { FieldDef, ListingPatch } from '../data/types'
import { QUIRKS, parseQuirkList, type QuirkName } from '../quirks/quirk-catalogue'

const faultKeys: Array<keyof FaultState> = [
  'slowMs',
  'dropMidBody',
  'malformedXml',
  'latin1UnderUtf8',
  'unauthorizedNoChallenge',
  'scope'
]

function faultPatch(body: Record<string, unknown>): Partial<FaultState> {
  const patch: Record<string, unknown> = {}
  for (const key of faultKeys) {
    if (!(key in body)) continue
    const value = body[key]
    const expected = key === 'slowMs' ? 'number' : key === 'scope' ? 'string' : 'boolean'
    if (typeof value !== expected) throw new Error(`fault ${key} must be a ${expected}`)
    patch[key] = value
  }
  return patch as Partial<FaultState>
}

export const mountAdmin: Mount = (router) => {
  router.add('GET', '/admin', (_req, res, ctx) =>
    sendJson(res, 200, {
      listings: ctx.data.count(),
      metadataVersion: ctx.data.metadataVersion(),
      faults: ctx.faults,
      quirks: activeQuirks(ctx),
      users: ctx.users.map((u) => ({ username: u.username, role: u.role }))
    })
  )

  router.add('POST', '/admin/listings', async (req, res, ctx) => {
    const body = (await readJson(req)) as ListingPatch & { ListingKey?: string }
    if (body.ListingKey !== undefined && ctx.data.get(body.ListingKey)) {
      sendJson(res, 409, { error: `listing ${body.ListingKey} exists` })
      return
    }
    sendJson(res, 201, ctx.data.add(body))
  })

  router.add('GET', '/admin/listings/:key', (req, res, ctx) => {
    const listing = ctx.data.get(req.params.key ?? '')
    if (listing) sendJson(res, 200, listing)
    else sendJson(res, 404, { error: 'no such listing' })
  })

  router.add('PATCH', '/admin/listings/:key', async (req, res, ctx) => {
    const updated = ctx.data.update(req.params.key ?? '', (await readJson(req)) as ListingPatch)
    if (updated) sendJson(res, 200, updated)
    else sendJson(res, 404, { error: 'no such listing' })
  })

  router.add('DELETE', '/admin/listings/:key', (req, res, ctx) => {
    if (ctx.data.remove(req.params.key ?? '')) sendJson(res, 200, { removed: req.params.key })
    else sendJson(res, 404, { error: 'no such listing' })
  })

  router.add('GET', '/admin/changes', (req, res, ctx) =>
    sendJson(res, 200, ctx.data.changes(req.url.searchParams.get('since') ?? undefined))
  )

  // Quirks: GET lists every known one with whether it is on; POST {"quirks": ["a", "b"]} (or "a,b", "rets-*", "all")
  // replaces the active set, so a test can switch variations without restarting the server.
  router.add('GET', '/admin/quirks', (_req, res, ctx) =>
    sendJson(res, 200, {
      active: activeQuirks(ctx),
      known: Object.entries(QUIRKS).map(([name, description]) => ({ name, description }))
    })
  )
  router.add('POST', '/admin/quirks', async (req, res, ctx) => {
    try {
      const body = await readJson(req)
      const list = Array.isArray(body.quirks) ? body.quirks.join(',') : body.quirks
      if (typeof list !== 'string') throw new Error('send {"quirks": ["name", …]} or {"quirks": "a,b"}')
      sendJson(res, 200, { active: ctx.setQuirks(parseQuirkList(list)) })
    } catch (err) {
      sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) })
    }
  })

  router.add('POST', '/admin/faults', async (req, res, ctx) => {
    try {
      sendJson(res, 200, ctx.setFaults(faultPatch(await readJson(req))))
    } catch (err) {
      sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) })
    }
  })

  router.add('POST', '/admin/metadata/fields', async (req, res, ctx) => {
    const def = (await readJson(req)) as unknown as Partial<FieldDef>
    if (!def.systemName || !def.standardName || !def.resource) {
      sendJson(res, 400, { error: 'resource, systemName and standardName are required' })
      return
    }
    ctx.data.addField({
      searchable: true,
      type: 'Character',
      length: 50,
      longName: def.standardName,
      description: def.standardName,
      ...def
    } as FieldDef)
    sendJson(res, 201, { metadataVersion: ctx.data.metadataVersion(), metadataDate: ctx.data.metadataDate() })
  })

  router.add('POST', '/admin/sessions/age', async (req, res, ctx) => {
    const body = await readJson(req)
    ctx.sessions.age(typeof body.seconds === 'number' ? body.seconds : 3600)
    sendJson(res, 200, { aged: true })
  })

  router.add('GET', '/admin/activity/views', (req, res, ctx) =>
    sendJson(res, 200, ctx.activity.views(req.url.searchParams.get('apiKey') ?? undefined))
  )
}

function activeQuirks(ctx: { quirk(name: QuirkName): boolean }): QuirkName[] {
  return (Object.keys(QUIRKS) as QuirkName[]).filter((n) => ctx.quirk(n))
}
