// Step 3 of the IDX data synchronisation (IDX API documentation): compare the master list (every active record's ID and
// LastUpdated) with the local store by ID — records missing locally are new, a different LastUpdated means
// updated, local records absent from the master list are deleted. Timestamps are compared as instants
// (normalizeIdxTimestamp), so a snapshot written from RFC 1123 values still matches a COMPACT master list.
import type { IdxSyncBucket, IdxSyncPlanSummary } from '../../../contract/idx-channels'
import { normalizeIdxTimestamp } from './idx-timestamps'

export interface MasterEntry {
  id: string
  /** as the server sent it */
  lastUpdated: string
}

export interface SyncPlan {
  new: string[]
  updated: string[]
  deleted: string[]
  unchanged: string[]
}

// already the normal form (RETS COMPACT DateTime, with or without the Z), with a day every month has: a million-row
// sync reads two stamps per row, and this skips the parse (the other shapes, and days 29–31, take the full path)
const PLAIN_STAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?$/

/** The comparable form of a LastUpdated value: the UTC instant, or the trimmed text when it is no known shape. */
export function stampKey(raw: string): string {
  if (PLAIN_STAMP.test(raw)) return raw.length === 20 ? raw : `${raw}Z`
  return normalizeIdxTimestamp(raw) ?? raw.trim()
}

/** `snapshot` maps id → stampKey(LastUpdated) as stored. */
export function planSync(master: readonly MasterEntry[], snapshot: ReadonlyMap<string, string>): SyncPlan {
  const plan: SyncPlan = { new: [], updated: [], deleted: [], unchanged: [] }
  const seen = new Set<string>()
  for (const entry of master) {
    if (seen.has(entry.id)) continue
    seen.add(entry.id)
    const stored = snapshot.get(entry.id)
    if (stored === undefined) plan.new.push(entry.id)
    else if (stored !== stampKey(entry.lastUpdated)) plan.updated.push(entry.id)
    else plan.unchanged.push(entry.id)
  }
  for (const id of snapshot.keys()) if (!seen.has(id)) plan.deleted.push(id)
  return plan
}

/** The snapshot after a successful apply: the master list, minus new/updated records that could not be fetched. */
export function snapshotAfterApply(
  master: readonly MasterEntry[],
  before: ReadonlyMap<string, string>,
  notFetched: ReadonlySet<string>
): Map<string, string> {
  const next = new Map<string, string>()
  for (const entry of master) {
    if (next.has(entry.id)) continue
    if (notFetched.has(entry.id)) {
      // keep the old stamp (or nothing) so the next plan still lists it as updated (or new)
      const old = before.get(entry.id)
      if (old !== undefined) next.set(entry.id, old)
      continue
    }
    next.set(entry.id, stampKey(entry.lastUpdated))
  }
  return next
}

export function summarizePlan(plan: SyncPlan, maxIds = 1000): IdxSyncPlanSummary {
  const bucket = (ids: string[]): IdxSyncBucket => ({
    count: ids.length,
    ids: ids.slice(0, maxIds),
    truncated: ids.length > maxIds
  })
  return {
    new: bucket(plan.new),
    updated: bucket(plan.updated),
    deleted: bucket(plan.deleted),
    unchanged: bucket(plan.unchanged)
  }
}
