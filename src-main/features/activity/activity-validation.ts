// Checks a Listing Activity event before it is sent, against what the Listing Activity API documents: tracker.gif takes
// the listing's ListingID (LIST_105) as one path segment; a ViewTracking upload is Views > View+ > (ViewDate,
// ViewSupplierName?, Listing+), Listing > (ListingKey, ListingViewCount, ListingUrl?), and a View is unique per day and
// supplier. Every issue names its field the way the composer shows it and says what is expected.
import type { ActivityEvent, ActivityIssue, ActivityViewGroup } from '../../../contract/activity-channels'

const MAX_KEY = 64
const MAX_SUPPLIER = 200
const MAX_URL = 2048
// XML 1.0 cannot carry these at all, so they are refused rather than silently dropped
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text)
}

function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `"${(text ?? '').slice(0, 60)}${(text ?? '').length > 60 ? '…' : ''}"`
}

export function validateActivityEvent(event: ActivityEvent): ActivityIssue[] {
  switch (event.kind) {
    case 'tracker':
      return validateListingId(event.listingId)
    case 'views':
      return validateViews(event.views)
    case 'viewsXml':
      return event.xml.trim()
        ? []
        : [{ field: 'xml', message: 'must be a ViewTracking document (<Views> with at least one <View>), not empty' }]
  }
}

function validateListingId(listingId: string): ActivityIssue[] {
  const field = 'listingId'
  if (!listingId.trim()) return [{ field, message: 'is required: the ListingID (LIST_105) of the listing shown' }]
  if (/[/?#%\\\s]/.test(listingId) || CONTROL_CHARS.test(listingId)) {
    return [
      {
        field,
        message: `must be one ListingID without "/", "?", "#", "%", "\\" or spaces (it becomes a URL path segment); got ${quoted(listingId)}`
      }
    ]
  }
  if (listingId.length > MAX_KEY) return [{ field, message: `must be at most ${MAX_KEY} characters` }]
  return []
}

function validateViews(views: ActivityViewGroup[]): ActivityIssue[] {
  const issues: ActivityIssue[] = []
  if (views.length === 0) {
    issues.push({ field: 'views', message: 'must contain at least one View (a day and supplier with its listings)' })
  }
  const firstByDaySupplier = new Map<string, number>()
  views.forEach((view, v) => {
    const at = `views[${v}]`
    if (!isCalendarDate(view.viewDate)) {
      issues.push({
        field: `${at}.viewDate`,
        message: `must be a calendar date as YYYY-MM-DD, e.g. 2010-01-01; got ${quoted(view.viewDate)}`
      })
    }
    const supplier = view.supplierName ?? ''
    if (supplier.length > MAX_SUPPLIER || CONTROL_CHARS.test(supplier)) {
      issues.push({
        field: `${at}.supplierName`,
        message: `must be plain text of at most ${MAX_SUPPLIER} characters (leave it empty for "Other")`
      })
    }
    const daySupplier = `${view.viewDate}\u0001${supplier.trim() || 'Other'}`
    const first = firstByDaySupplier.get(daySupplier)
    if (first !== undefined) {
      issues.push({
        field: at,
        message: `repeats views[${first}]: a View is unique per ViewDate and ViewSupplierName; merge their listings`
      })
    } else firstByDaySupplier.set(daySupplier, v)
    if (view.listings.length === 0) {
      issues.push({ field: `${at}.listings`, message: 'must contain at least one Listing' })
    }
    const seenKeys = new Map<string, number>()
    view.listings.forEach((listing, l) => {
      const lat = `${at}.listings[${l}]`
      const key = listing.listingKey
      if (!key.trim())
        issues.push({ field: `${lat}.listingKey`, message: 'is required: the ListingKey of the listing' })
      else if (key !== key.trim() || key.length > MAX_KEY || CONTROL_CHARS.test(key)) {
        issues.push({
          field: `${lat}.listingKey`,
          message: `must be a ListingKey of at most ${MAX_KEY} characters without leading or trailing spaces; got ${quoted(key)}`
        })
      } else if (seenKeys.has(key)) {
        issues.push({
          field: `${lat}.listingKey`,
          message: `repeats listings[${seenKeys.get(key)}] of the same View; give one total per listing and day`
        })
      } else seenKeys.set(key, l)
      if (!Number.isSafeInteger(listing.viewCount) || listing.viewCount < 0) {
        issues.push({
          field: `${lat}.viewCount`,
          message: `must be a whole number of views, 0 or more; got ${quoted(listing.viewCount)}`
        })
      }
      if (listing.url !== undefined && listing.url !== '') validateUrl(listing.url, `${lat}.url`, issues)
    })
  })
  return issues
}

function validateUrl(text: string, field: string, issues: ActivityIssue[]): void {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /\s/.test(text) || text.length > MAX_URL) {
    issues.push({
      field,
      message: `must be an absolute http:// or https:// URL of the listing page (or empty); got ${quoted(text)}`
    })
  }
}
