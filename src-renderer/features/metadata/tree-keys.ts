// Keyboard navigation of the metadata tree (the WAI-ARIA tree pattern): what a key does given the flattened rows,
// the cursor and which nodes the user opened. Pure, so the rules are testable without a DOM.
import { parentIndex, type TreeRow } from './metadata-tree'

export type TreeKeyAction =
  | { type: 'select'; index: number }
  | { type: 'open'; row: TreeRow }
  | { type: 'close'; row: TreeRow }
  | { type: 'activate'; row: TreeRow }

export function treeKeyAction(
  key: string,
  rows: readonly TreeRow[],
  cursor: number,
  userOpened: ReadonlySet<string>,
  pageRows: number
): TreeKeyAction | undefined {
  if (!rows.length) return undefined
  const last = rows.length - 1
  const row = rows[Math.min(cursor, last)]!
  const to = (index: number): TreeKeyAction => ({ type: 'select', index: Math.max(0, Math.min(last, index)) })
  switch (key) {
    case 'ArrowDown':
      return to(cursor + 1)
    case 'ArrowUp':
      return to(cursor - 1)
    case 'PageDown':
      return to(cursor + pageRows)
    case 'PageUp':
      return to(cursor - pageRows)
    case 'Home':
      return to(0)
    case 'End':
      return to(last)
    case 'ArrowRight':
      if (!row.expandable) return undefined
      return row.expanded ? to(cursor + 1) : { type: 'open', row }
    case 'ArrowLeft':
      // rows shown open only because a filter hit lies below them are not in `userOpened`: go to the parent
      if (row.expandable && row.expanded && userOpened.has(row.id)) return { type: 'close', row }
      return to(parentIndex(rows, cursor))
    case 'Enter':
      return { type: 'activate', row }
    default:
      return undefined
  }
}
