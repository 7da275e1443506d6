// Validates a ViewTracking upload (Listing Activity API documentation) element by element and turns it into recorded
// views. The schema is small: Views > View+ > (ViewDate, ViewSupplierName?, Listing+) in any order; Listing >
// ListingKey, ListingViewCount, ListingUrl?. An empty ViewSupplierName means "Other" (the Listing Activity API
// documentation, scenario 1).
import { SaxesParser } from 'saxes'

export const VIEW_TRACKING_NS = 'https://retsgw.flexmls.com/tracking/v1'

export interface ParsedListingView {
  listingKey: string
  count: number
  url?: string
}

export interface ParsedView {
  viewDate: string
  supplier: string
  listings: ParsedListingView[]
}

export class ViewTrackingError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(`line ${line}: ${message}`)
  }
}

const allowedChildren: Record<string, string[]> = {
  '': ['Views'],
  Views: ['View'],
  View: ['ViewDate', 'ViewSupplierName', 'Listing'],
  Listing: ['ListingKey', 'ListingViewCount', 'ListingUrl']
}

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text)
}

export function parseViewTracking(xml: string): ParsedView[] {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const stack: string[] = []
  const views: ParsedView[] = []
  let view: (Partial<ParsedView> & { listings: ParsedListingView[] }) | undefined
  let listing: Partial<ParsedListingView> | undefined
  let text = ''
  let failure: ViewTrackingError | undefined
  const fail = (message: string): never => {
    throw new ViewTrackingError(message, parser.line)
  }

  parser.on('error', (err) => {
    failure ??= new ViewTrackingError(`not well-formed XML: ${err.message}`, parser.line)
  })
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1] ?? ''
    const name = tag.local
    if (!(allowedChildren[parent] ?? []).includes(name))
      fail(`unexpected element <${tag.name}> inside <${parent || 'document'}>`)
    if (name === 'Views' && tag.uri !== VIEW_TRACKING_NS) fail(`<Views> must be in namespace ${VIEW_TRACKING_NS}`)
    if (name === 'View') view = { listings: [] }
    if (name === 'Listing') listing = {}
    stack.push(name)
    text = ''
  })
  parser.on('text', (t) => {
    text += t
  })
  parser.on('closetag', (tag) => {
    const name = tag.local
    const value = text.trim()
    stack.pop()
    text = ''
    switch (name) {
      case 'ViewDate':
        if (!validDate(value)) fail(`ViewDate "${value}" is not a date (YYYY-MM-DD)`)
        if (view?.viewDate) fail('a View has more than one ViewDate')
        if (view) view.viewDate = value
        break
      case 'ViewSupplierName':
        if (view) view.supplier = value || 'Other'
        break
      case 'ListingKey':
        if (!value) fail('ListingKey is empty')
        if (listing) listing.listingKey = value
        break
      case 'ListingViewCount':
        if (!/^\d+$/.test(value)) fail(`ListingViewCount "${value}" is not a non-negative integer`)
        if (listing) listing.count = Number(value)
        break
      case 'ListingUrl':
        if (value && !/^https?:\/\/\S+$/.test(value)) fail(`ListingUrl "${value}" is not an http(s) URL`)
        if (listing && value) listing.url = value
        break
      case 'Listing':
        if (!listing?.listingKey) fail('Listing without ListingKey')
        if (listing?.count === undefined) fail('Listing without ListingViewCount')
        view?.listings.push(listing as ParsedListingView)
        listing = undefined
        break
      case 'View':
        if (!view?.viewDate) fail('View without ViewDate')
        if (!view?.listings.length) fail('View without any Listing')
        views.push({
          viewDate: view?.viewDate ?? '',
          supplier: view?.supplier ?? 'Other',
          listings: view?.listings ?? []
        })
        view = undefined
        break
      case 'Views':
        if (!views.length) fail('Views contains no View')
        break
    }
  })
  try {
    parser.write(xml).close()
  } catch (err) {
    if (err instanceof ViewTrackingError) throw err
    throw failure ?? new ViewTrackingError(err instanceof Error ? err.message : String(err), parser.line)
  }
  if (failure) throw failure
  if (!views.length) throw new ViewTrackingError('no <Views> document found', 1)
  return views
}
