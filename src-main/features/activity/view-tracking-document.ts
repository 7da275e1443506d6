// The ViewTracking upload document of the Listing Activity API, written the way its documentation's samples are: the
// namespace and schemaLocation on <Views>, one <View> per day and supplier with ViewDate first, an empty
// <ViewSupplierName /> for "Other", and ListingUrl only when there is one.
import type { ActivityViewGroup } from '../../../contract/activity-channels'

export const VIEW_TRACKING_NS = 'https://retsgw.flexmls.com/tracking/v1'
const SCHEMA_LOCATION = `${VIEW_TRACKING_NS}/ViewTracking.xsd`

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function element(name: string, value: string): string {
  return value === '' ? `<${name} />` : `<${name}>${xmlEscape(value)}</${name}>`
}

/** The XML to POST; call validateActivityEvent first (this writes what it is given). */
export function composeViewTracking(views: readonly ActivityViewGroup[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Views xmlns="${VIEW_TRACKING_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SCHEMA_LOCATION}">`
  ]
  for (const view of views) {
    lines.push(
      '<View>',
      element('ViewDate', view.viewDate),
      element('ViewSupplierName', (view.supplierName ?? '').trim())
    )
    for (const listing of view.listings) {
      lines.push(
        '<Listing>',
        element('ListingKey', listing.listingKey),
        element('ListingViewCount', String(listing.viewCount)),
        ...(listing.url ? [element('ListingUrl', listing.url)] : []),
        '</Listing>'
      )
    }
    lines.push('</View>')
  }
  lines.push('</Views>', '')
  return lines.join('\n')
}
