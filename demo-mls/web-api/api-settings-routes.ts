// GET/POST /admin/web-api: read or change the RESO / Spark / OAuth switches of a running Demo MLS (short token TTL,
// page cap, lookup style, throttling) — for manual testing from the app or curl; tests set them directly.
import type { Mount } from '../http/router'
import { readJson, sendJson } from '../http/json-reply'
import { tokenRegistryFor } from '../oauth/token-registry'
import { apiSettingsFor } from './api-settings'

export const mountWebApiAdmin: Mount = (router, ctx) => {
  const snapshot = (): Record<string, unknown> => ({
    ...apiSettingsFor(ctx),
    accessTtlSeconds: tokenRegistryFor(ctx).accessTtlSeconds
  })

  router.add('GET', '/admin/web-api', (_req, res) => sendJson(res, 200, snapshot()))

  router.add('POST', '/admin/web-api', async (req, res) => {
    let patch: Record<string, unknown>
    try {
      patch = await readJson(req)
    } catch (err) {
      return sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) })
    }
    const settings = apiSettingsFor(ctx)
    const count = (name: string): number | undefined => {
      const v = patch[name]
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined
    }
    const ttl = count('accessTtlSeconds')
    if (ttl !== undefined && ttl > 0) tokenRegistryFor(ctx).accessTtlSeconds = ttl
    const pageCap = count('maxPageSize')
    if (pageCap !== undefined && pageCap > 0) settings.maxPageSize = pageCap
    settings.throttleNext = count('throttleNext') ?? settings.throttleNext
    settings.retryAfterSeconds = count('retryAfterSeconds') ?? settings.retryAfterSeconds
    if (patch.lookupStyle === 'enum' || patch.lookupStyle === 'string') settings.lookupStyle = patch.lookupStyle
    if (typeof patch.countAsString === 'boolean') settings.countAsString = patch.countAsString
    sendJson(res, 200, snapshot())
  })
}
