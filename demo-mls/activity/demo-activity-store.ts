// Listing Activity state: one API key per RETS user (generated on the API page) and every view
// recorded through tracker.gif or the ViewTracking POST, so tests and the workbench can read them back.
import { randomBytes } from 'node:crypto'

export interface RecordedView {
  source: 'tracker' | 'post'
  apiKey: string
  listingKey: string
  viewDate: string
  supplier: string
  count: number
  url?: string
  receivedAt: string
}

export class ActivityStore {
  private readonly keysByUser = new Map<string, string>()
  private readonly usersByKey = new Map<string, string>()
  private readonly recorded: RecordedView[] = []

  keyFor(username: string): string | undefined {
    return this.keysByUser.get(username)
  }

  /** Generates the user's key (or returns the existing one, as the flexmls page does once generated). */
  generate(username: string): string {
    const existing = this.keysByUser.get(username)
    if (existing) return existing
    const key = randomBytes(16).toString('hex')
    this.keysByUser.set(username, key)
    this.usersByKey.set(key, username)
    return key
  }

  userOf(apiKey: string): string | undefined {
    return this.usersByKey.get(apiKey)
  }

  record(views: RecordedView[]): void {
    this.recorded.push(...views)
  }

  views(apiKey?: string): RecordedView[] {
    return apiKey ? this.recorded.filter((v) => v.apiKey === apiKey) : [...this.recorded]
  }
}
