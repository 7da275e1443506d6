// The composer's short memory of what it sent this session: each send with the server's reply (or why it never
// left), newest first, capped so a tab left open all day stays small. Not persisted: replies can carry listing
// data and server text the user did not ask to keep.
import type { AppErrorShape } from '../../../contract/app-error'
import type { ActivityEvent, ActivityReply } from '../../../contract/activity-channels'

export const HISTORY_LIMIT = 10

export interface SendRecord {
  id: number
  /** ISO instant of the send */
  at: string
  label: string
  reply?: ActivityReply
  /** the send failed before a reply (not connected, network, refused by the validator) */
  error?: AppErrorShape
}

export function pushHistory(list: readonly SendRecord[], record: SendRecord, limit = HISTORY_LIMIT): SendRecord[] {
  return [record, ...list].slice(0, limit)
}

/** "tracker.gif · 09-75", "ViewTracking · 2010-01-01 · 2 listings", "ViewTracking XML · 1.2 KB" */
export function describeEvent(event: ActivityEvent): string {
  switch (event.kind) {
    case 'tracker':
      return `tracker.gif · ${event.listingId}`
    case 'views': {
      const listings = event.views.reduce((sum, v) => sum + v.listings.length, 0)
      const days = [...new Set(event.views.map((v) => v.viewDate))].join(', ')
      return `ViewTracking · ${days} · ${listings} listing${listings === 1 ? '' : 's'}`
    }
    case 'viewsXml': {
      const bytes = new TextEncoder().encode(event.xml).length
      return `ViewTracking XML · ${bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`}`
    }
  }
}

/** What the status means according to the Listing Activity API documentation (200 / 403 / 500), for the reply header. */
export function statusMeaning(status: number): string {
  if (status >= 200 && status < 300) return 'Accepted'
  if (status === 403) return 'The API key did not pass authorization'
  if (status >= 500) return 'The server failed processing it'
  if (status === 404) return 'Not found: check the tracking URL of the profile'
  return 'Refused'
}

/** "12:04:05" of an ISO instant, in local time. */
export function timeOf(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString('en-GB', { hour12: false })
}
