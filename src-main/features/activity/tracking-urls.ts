// Where the two Listing Activity requests go (Listing Activity API documentation), relative to the profile's tracking
// URL (https://retsgw.flexmls.com/tracking/v1/): GET  listings/views/listing/{listingId}/{apiKey}/tracker.gif POST
// listings/views/{apiKey}/            (the trailing slash is part of the documented URL)
export const API_KEY_PLACEHOLDER = '{apiKey}'

export function trackerPath(listingId: string, apiKey: string): string {
  return `listings/views/listing/${segment(listingId)}/${segment(apiKey)}/tracker.gif`
}

export function uploadPath(apiKey: string): string {
  return `listings/views/${segment(apiKey)}/`
}

/** The tracking URL with exactly one trailing slash, so relative paths resolve below it, not beside it. */
export function trackingBase(trackingUrl: string): string {
  return trackingUrl.replace(/\/*$/, '/')
}

export function resolveTracking(trackingUrl: string, relative: string): string {
  return new URL(relative, trackingBase(trackingUrl)).href
}

function segment(value: string): string {
  // placeholders ({apiKey}, {listingId}) stay readable in previews
  return /^\{\w+\}$/.test(value) ? value : encodeURIComponent(value)
}
