// The reconcile pass's comparison for a store without one of its own (MasterDiff): the master list and the store's
// key → stamp map in memory, planned as the IDX sync plans (first entry of a key wins).
import { planSync } from './sync-plan'
import type { MasterEntry } from './sync-types'
import type { LocalStore, MasterDiff, TableInfo } from './sync-types'

export function memoryMasterDiff(store: LocalStore, info: TableInfo): MasterDiff {
  const entries: MasterEntry[] = []
  return {
    add: async (batch) => {
      for (const e of batch) entries.push(e)
    },
    result: async () => {
      const { new: added, updated, deleted, unchanged } = planSync(entries, await store.stamps(info))
      return { new: added, updated, deleted, unchanged: unchanged.length }
    },
    close: async () => {
      entries.length = 0
    }
  }
}
