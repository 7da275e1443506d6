// What a server's index on the modification timestamp gives an incremental query `(Stamp=since+)`: the rows older
// than `since` are never read. The Demo MLS generates rows on the fly, so it checks a row's stamp (one short draw)
// before generating the row. Only a floor every matching row must meet is taken (a criterion of the whole query or
// of an AND), and a day's margin leaves the exact comparison, zones and all, to the DMQL test that still runs.
import type { DmqlNode } from '../../../domain/query-languages/dmql'

const MARGIN_MS = 86_400_000

export function stampFloorMs(node: DmqlNode, stampField: string): number | undefined {
  if (node.type === 'and') {
    const floors = node.items.map((n) => stampFloorMs(n, stampField)).filter((n): n is number => n !== undefined)
    return floors.length ? Math.max(...floors) : undefined
  }
  if (node.type !== 'criterion' || node.field !== stampField || node.lookupOp || node.values.length !== 1) {
    return undefined
  }
  const value = node.values[0]
  const from = value?.kind === 'range' ? value.from : undefined
  if (from?.kind !== 'date' || from.relative || from.precision === 'time') return undefined
  const ms = Date.parse(from.precision === 'date' ? `${from.text}T00:00:00Z` : from.text)
  return Number.isNaN(ms) ? undefined : ms - MARGIN_MS
}
