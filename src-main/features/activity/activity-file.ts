// Listing views from a file, for the scheduled daily upload: a CSV with a header row (viewDate, listingKey,
// viewCount and optional supplierName, url — any order, any case) or JSON (an activity event, or an array of view
// groups). Rows are grouped by (date, supplier) into the ViewTracking shape the composer builds; the composer's
// validator then judges the values, so a bad row is reported with its field, as in the app.
import { AppError } from '../../../contract/app-error'
import type { ActivityEvent, ActivityIssue, ActivityViewGroup } from '../../../contract/activity-channels'

/** RFC 4180 fields: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  row.push(field)
  if (row.some((f) => f !== '')) rows.push(row)
  return rows
}

const COLUMNS = ['viewdate', 'suppliername', 'listingkey', 'viewcount', 'url'] as const

export interface CsvViews {
  event: ActivityEvent
  /** values the CSV reader could not turn into the event's types (the validator judges the rest) */
  issues: ActivityIssue[]
}

export function viewsFromCsv(text: string): CsvViews {
  const [header, ...rows] = parseCsv(text)
  if (!header) throw new AppError({ code: 'ACTIVITY_INVALID', message: 'The CSV file is empty.' })
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.findIndex((h) => h.trim().toLowerCase() === c)]))
  for (const needed of ['viewdate', 'listingkey', 'viewcount'] as const) {
    if (at[needed]! < 0) {
      throw new AppError({
        code: 'ACTIVITY_INVALID',
        message: `The CSV has no "${needed}" column.`,
        hint: 'Header: viewDate,supplierName,listingKey,viewCount,url (supplierName and url optional).'
      })
    }
  }
  const cell = (row: string[], c: (typeof COLUMNS)[number]): string | undefined => {
    const i = at[c]!
    return i < 0 ? undefined : row[i]?.trim()
  }
  const groups = new Map<string, ActivityViewGroup>()
  const issues: ActivityIssue[] = []
  for (const [line, row] of rows.entries()) {
    const viewDate = cell(row, 'viewdate') ?? ''
    const supplierName = cell(row, 'suppliername') ?? ''
    const key = `${viewDate}\u0000${supplierName}`
    let group = groups.get(key)
    if (!group) {
      group = { viewDate, ...(supplierName ? { supplierName } : {}), listings: [] }
      groups.set(key, group)
    }
    const url = cell(row, 'url')
    const count = cell(row, 'viewcount') ?? ''
    const viewCount = Number(count)
    if (count === '' || !Number.isFinite(viewCount)) {
      const at = `views[${[...groups.values()].indexOf(group)}].listings[${group.listings.length}].viewCount`
      issues.push({ field: at, message: `must be a number of views, not "${count}" (CSV line ${line + 2})` })
    }
    group.listings.push({
      listingKey: cell(row, 'listingkey') ?? '',
      viewCount: Number.isFinite(viewCount) ? viewCount : 0,
      ...(url ? { url } : {})
    })
  }
  return { event: { kind: 'views', views: [...groups.values()] }, issues }
}

export function eventFromJson(json: unknown): ActivityEvent {
  if (Array.isArray(json)) return { kind: 'views', views: json as ActivityViewGroup[] }
  if (typeof json === 'object' && json !== null && 'kind' in json) return json as ActivityEvent
  if (typeof json === 'object' && json !== null && 'views' in json) {
    return { kind: 'views', views: (json as { views: ActivityViewGroup[] }).views }
  }
  throw new AppError({
    code: 'ACTIVITY_INVALID',
    message: 'The JSON file is neither an activity event nor a list of view groups.',
    hint: '[{"viewDate":"2026-01-31","listings":[{"listingKey":"…","viewCount":3}]}]'
  })
}

export function eventCount(event: ActivityEvent): number {
  if (event.kind === 'views') return event.views.reduce((n, g) => n + g.listings.length, 0)
  return 1
}
