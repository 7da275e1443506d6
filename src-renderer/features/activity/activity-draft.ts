// The Listing Activity composer's form (Listing Activity API documentation) and the event it becomes. The form keeps
// what the user typed (a view count is text until it is sent) so a half-typed number is shown back, not lost; main's
// validator judges the event, and this file only adds what main cannot see: a count that is not a number at all.
import type {
  ActivityEvent,
  ActivityIssue,
  ActivityViewGroup,
  ActivityListingView
} from '../../../contract/activity-channels'

export type ActivityKind = ActivityEvent['kind']

export const ACTIVITY_KINDS: readonly { kind: ActivityKind; label: string; hint: string }[] = [
  { kind: 'tracker', label: 'Tracker image', hint: 'GET tracker.gif for one detail view of a listing' },
  { kind: 'views', label: 'Daily views', hint: 'POST a ViewTracking upload of view counts per listing for a day' },
  { kind: 'viewsXml', label: 'Raw XML', hint: 'POST a ViewTracking document you edit yourself, sent as is' }
]

export interface ListingRowDraft {
  key: string
  /** as typed; parsed when the event is built */
  viewCount: string
  url: string
}

export interface ActivityDraft {
  kind: ActivityKind
  listingId: string
  viewDate: string
  supplierName: string
  listings: ListingRowDraft[]
  xml: string
}

/** The composer edits one View (one day and supplier); these are the field paths main's issues use for it. */
export const VIEW_AT = 'views[0]'
export type RowColumn = 'listingKey' | 'viewCount' | 'url'
export const viewField = (name: 'viewDate' | 'supplierName' | 'listings'): string => `${VIEW_AT}.${name}`
export const rowField = (row: number, column: RowColumn): string => `${VIEW_AT}.listings[${row}].${column}`

/** Today as YYYY-MM-DD in the user's own calendar (views are counted per local day). */
export function localDate(d = new Date()): string {
  const pad = (v: number): string => String(v).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function blankRow(): ListingRowDraft {
  return { key: '', viewCount: '', url: '' }
}

export function blankDraft(today: string): ActivityDraft {
  return { kind: 'tracker', listingId: '', viewDate: today, supplierName: '', listings: [blankRow()], xml: '' }
}

export interface BuiltEvent {
  event: ActivityEvent
  /** issues found before main is asked (a count that is not a number cannot cross IPC as one) */
  localIssues: ActivityIssue[]
}

/** A count main will refuse with its own message, sent in place of text that is not a number. */
const NOT_A_NUMBER = -1

function parseCount(text: string): number | undefined {
  const t = text.trim()
  if (t === '') return undefined
  const v = Number(t)
  return Number.isFinite(v) ? v : undefined
}

export function buildEvent(draft: ActivityDraft): BuiltEvent {
  switch (draft.kind) {
    case 'tracker':
      return { event: { kind: 'tracker', listingId: draft.listingId.trim() }, localIssues: [] }
    case 'viewsXml':
      return { event: { kind: 'viewsXml', xml: draft.xml }, localIssues: [] }
    case 'views': {
      const localIssues: ActivityIssue[] = []
      const listings = draft.listings.map((row, i): ActivityListingView => {
        const count = parseCount(row.viewCount)
        if (count === undefined) {
          localIssues.push({
            field: rowField(i, 'viewCount'),
            message: row.viewCount.trim()
              ? `must be a whole number of views, 0 or more; got "${row.viewCount.trim().slice(0, 60)}"`
              : 'is required: the number of views that day'
          })
        }
        const url = row.url.trim()
        return { listingKey: row.key, viewCount: count ?? NOT_A_NUMBER, ...(url ? { url } : {}) }
      })
      const view: ActivityViewGroup = { viewDate: draft.viewDate.trim(), supplierName: draft.supplierName, listings }
      return { event: { kind: 'views', views: [view] }, localIssues }
    }
  }
}

/** Main's issues with ours in place of main's for the same field (ours say why: the text was not a number). */
export function mergeIssues(server: readonly ActivityIssue[], local: readonly ActivityIssue[]): ActivityIssue[] {
  const mine = new Set(local.map((i) => i.field))
  return [...server.filter((i) => !mine.has(i.field)), ...local]
}

/** Messages for one field path, exactly as main names it. */
export function issuesAt(issues: readonly ActivityIssue[], field: string): string[] {
  return issues.filter((i) => i.field === field).map((i) => i.message)
}

/** The field paths the form shows next to an input for this kind; anything else goes in the general list. */
export function placedFields(draft: ActivityDraft): Set<string> {
  switch (draft.kind) {
    case 'tracker':
      return new Set(['listingId'])
    case 'viewsXml':
      return new Set(['xml'])
    case 'views':
      return new Set([
        viewField('viewDate'),
        viewField('supplierName'),
        viewField('listings'),
        ...draft.listings.flatMap((_, i) => (['listingKey', 'viewCount', 'url'] as const).map((c) => rowField(i, c)))
      ])
  }
}

export function unplacedIssues(draft: ActivityDraft, issues: readonly ActivityIssue[]): ActivityIssue[] {
  const placed = placedFields(draft)
  return issues.filter((i) => !placed.has(i.field))
}

const PLACEHOLDER_KEY = 'LISTING-KEY'

function isWebUrl(text: string): boolean {
  try {
    const u = new URL(text)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

function printable(text: string): string {
  return [...text].filter((c) => c.charCodeAt(0) >= 0x20).join('')
}

/**
 * The Views event used to prefill the XML editor when the fields are not complete yet: the rows that are usable,
 * the date when it is one, and a placeholder listing when no row is — a starting point the user edits, which
 * the composer labels as a template.
 */
export function templateViewsEvent(draft: ActivityDraft, today: string): ActivityEvent {
  const listings: ActivityListingView[] = []
  const seen = new Set<string>()
  for (const row of draft.listings) {
    const key = row.key.trim()
    const count = parseCount(row.viewCount)
    if (!key || key.length > 64 || seen.has(key) || count === undefined || !Number.isSafeInteger(count) || count < 0)
      continue
    seen.add(key)
    const url = row.url.trim()
    listings.push({ listingKey: printable(key), viewCount: count, ...(url && isWebUrl(url) ? { url } : {}) })
  }
  if (!listings.length) listings.push({ listingKey: PLACEHOLDER_KEY, viewCount: 0 })
  const viewDate = /^\d{4}-\d{2}-\d{2}$/.test(draft.viewDate.trim()) ? draft.viewDate.trim() : today
  return { kind: 'views', views: [{ viewDate, supplierName: printable(draft.supplierName).slice(0, 200), listings }] }
}
