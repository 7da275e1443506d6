// RETS sessions (RETS-Session-ID cookie) and HTTP digest nonces, per server instance. Idle timeout and the
// concurrent-login limit are options because real servers differ (some answer 20037, some a fresh 401).
import { randomBytes } from 'node:crypto'
import type { DemoMlsOptions } from '../demo-context'

export interface RetsSession {
  id: string
  username: string
  createdAt: number
  lastSeen: number
  requests: number
}

const MAX_NONCES = 10_000

export type SessionLookup = { kind: 'ok'; session: RetsSession } | { kind: 'expired' } | { kind: 'none' }

export class SessionStore {
  private readonly sessions = new Map<string, RetsSession>()
  private readonly expired = new Set<string>()
  private readonly nonces = new Map<string, number>()
  /** One opaque per instance, as most servers do; clients must echo it. */
  readonly opaque = randomBytes(16).toString('hex')

  constructor(private readonly options: Pick<DemoMlsOptions, 'sessionTimeoutSeconds' | 'maxConcurrentLogins'>) {}

  issueNonce(): string {
    const nonce = randomBytes(16).toString('base64').replace(/=+$/, '')
    this.nonces.set(nonce, Date.now())
    // Clients that re-negotiate digest on every request (rets-client does) would otherwise grow this forever.
    if (this.nonces.size > MAX_NONCES) this.nonces.delete(this.nonces.keys().next().value as string)
    return nonce
  }

  knowsNonce(nonce: string): boolean {
    return this.nonces.has(nonce)
  }

  /** Starts a session, or returns undefined when the user already holds maxConcurrentLogins live sessions. */
  open(username: string): RetsSession | undefined {
    this.sweep()
    const limit = this.options.maxConcurrentLogins
    if (limit > 0 && this.liveFor(username) >= limit) return undefined
    const now = Date.now()
    const session: RetsSession = {
      id: randomBytes(12).toString('hex').toUpperCase(),
      username,
      createdAt: now,
      lastSeen: now,
      requests: 0
    }
    this.sessions.set(session.id, session)
    return session
  }

  lookup(id: string | undefined): SessionLookup {
    if (!id) return { kind: 'none' }
    this.sweep()
    const session = this.sessions.get(id)
    if (!session) return this.expired.has(id) ? { kind: 'expired' } : { kind: 'none' }
    session.lastSeen = Date.now()
    session.requests++
    return { kind: 'ok', session }
  }

  close(id: string): RetsSession | undefined {
    const session = this.sessions.get(id)
    this.sessions.delete(id)
    return session
  }

  liveFor(username: string): number {
    let n = 0
    for (const s of this.sessions.values()) if (s.username === username) n++
    return n
  }

  /** Test hook: make every session look idle for `seconds` more. */
  age(seconds: number): void {
    for (const s of this.sessions.values()) s.lastSeen -= seconds * 1000
  }

  private sweep(): void {
    const timeout = this.options.sessionTimeoutSeconds
    if (timeout <= 0) return
    const cutoff = Date.now() - timeout * 1000
    let expiredAny = false
    for (const [id, s] of this.sessions) {
      if (s.lastSeen < cutoff) {
        this.sessions.delete(id)
        this.expired.add(id)
        expiredAny = true
      }
    }
    // real servers drop the digest state with the session, so a client that signs every request still has to log in
    if (expiredAny) this.nonces.clear()
  }
}
