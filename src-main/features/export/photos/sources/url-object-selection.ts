// Shared by the URL-list sources (RESO Media, Spark Photos): apply the id selection (`*`, `0` = preferred, numbers
// = Order) to the objects a record lists, and turn absent listings and absent ids into `missing` rows — the same
// rows a RETS 20403 part produces, so the manifest reads alike whatever the source.
import type { ExportObjectSink, SourceBatch, UrlObject } from '../photo-export-types'
import type { ObjectIdSelection } from '../../../../../contract/photo-channels'

export function selectObjects(objects: UrlObject[], ids: ObjectIdSelection): { chosen: UrlObject[]; absent: number[] } {
  const sorted = [...objects].sort((a, b) => (a.meta.order ?? 0) - (b.meta.order ?? 0))
  if (ids === '*') return { chosen: sorted, absent: [] }
  if (ids === '0') {
    const preferred = sorted.find((o) => o.meta.preferred) ?? sorted[0]
    return {
      chosen: preferred ? [{ ...preferred, meta: { ...preferred.meta, objectId: '0' } }] : [],
      absent: preferred ? [] : [0]
    }
  }
  const chosen: UrlObject[] = []
  const absent: number[] = []
  for (const n of ids) {
    const hit = sorted.find((o) => o.meta.order === n)
    if (hit) chosen.push(hit)
    else absent.push(n)
  }
  return { chosen, absent }
}

/**
 * Objects for a batch, given what the records held per listing key (`undefined`: the listing was not returned).
 * Failures go to the sink; the returned list is for the downloader.
 */
export function batchObjects(
  batch: SourceBatch,
  resource: string,
  found: Map<string, UrlObject[]>,
  sink: ExportObjectSink
): UrlObject[] {
  const out: UrlObject[] = []
  for (const key of batch.keys) {
    const meta = { listingKey: key, resource, type: batch.type }
    const objects = found.get(key)
    if (!objects) {
      sink.failed({ ...meta, objectId: '*' }, { message: `Listing ${key} was not found.`, missing: true })
      continue
    }
    if (objects.length === 0) {
      sink.failed(
        { ...meta, objectId: '*' },
        { message: `Listing ${key} has no ${batch.type} objects.`, missing: true }
      )
      continue
    }
    const { chosen, absent } = selectObjects(objects, batch.objectIds)
    for (const n of absent)
      sink.failed(
        { ...meta, objectId: String(n) },
        { message: `Listing ${key} has no ${batch.type} ${n}.`, missing: true }
      )
    out.push(...chosen)
  }
  return out
}
