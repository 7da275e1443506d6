// The plan of a sync: compare the server's master list (every record's key and modification timestamp) with the
// local store by key — records missing locally are new, a different timestamp means updated, local records absent
// from the master list are deleted. Timestamps are compared as instants (normalizeIdxTimestamp), so the same moment
// sent as RFC 1123 in one reply and as a day-first COMPACT clock in another is "unchanged".
import { PLAN_KEYS_LISTED, type SyncPlanSample } from '../../../contract/sync-channels'
import { normalizeIdxTimestamp } from '../idx/idx-timestamps'
import type { BatchCounts, MasterComparison, MasterEntry } from './sync-types'

export interface SyncPlan {
  new: string[]
  updated: string[]
  deleted: string[]
  unchanged: string[]
}

// already the normal form (RETS COMPACT DateTime, with or without the Z), with a day every month has: a million-row
// sync reads two stamps per row, and this skips the parse (the other shapes, and days 29–31, take the full path)
const PLAIN_STAMP = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?$/

/** The comparable form of a timestamp: the UTC instant, or the trimmed text when it is no known shape. */
export function stampKey(raw: string): string {
  if (PLAIN_STAMP.test(raw)) return raw.length === 20 ? raw : `${raw}Z`
  return normalizeIdxTimestamp(raw) ?? raw.trim()
}

/** `stored` maps key → stampKey(timestamp) as the store holds it. */
export function planSync(master: readonly MasterEntry[], stored: ReadonlyMap<string, string>): SyncPlan {
  const plan: SyncPlan = { new: [], updated: [], deleted: [], unchanged: [] }
  const seen = new Set<string>()
  for (const entry of master) {
    if (seen.has(entry.id)) continue
    seen.add(entry.id)
    const stamp = stored.get(entry.id)
    if (stamp === undefined) plan.new.push(entry.id)
    else if (stamp !== stampKey(entry.lastUpdated)) plan.updated.push(entry.id)
    else plan.unchanged.push(entry.id)
  }
  for (const id of stored.keys()) if (!seen.has(id)) plan.deleted.push(id)
  return plan
}

/**
 * A plan as its report carries it: every bucket's count, and the first `limit` keys of the changed buckets only —
 * the unchanged keys are the whole feed on a quiet day, and no bucket ships more than `limit` keys over IPC.
 */
export function planSummary(
  plan: MasterComparison,
  limit = PLAN_KEYS_LISTED
): { counts: BatchCounts; sample: SyncPlanSample } {
  return {
    counts: {
      new: plan.new.length,
      updated: plan.updated.length,
      unchanged: plan.unchanged,
      deleted: plan.deleted.length
    },
    sample: {
      new: plan.new.slice(0, limit),
      updated: plan.updated.slice(0, limit),
      deleted: plan.deleted.slice(0, limit)
    }
  }
}
