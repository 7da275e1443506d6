// What every Demo MLS mount receives: the data store, the options the instance was started with, the fault switches
// and the demo users. One context per server instance, so parallel tests never share state.
import type { DemoData } from './data/types'
import type { ActivityStore } from './activity/demo-activity-store'
import type { SessionStore } from './rets/rets-session-store'
import type { QuirkName } from './quirks/quirk-catalogue'

export type RetsVersion = '1.5' | '1.7.2' | '1.8'

export interface DemoMlsOptions {
  host: string
  /** 0 = pick a free port */
  port: number
  /** number of generated listings (default 5000) */
  listings: number
  /** generator seed (same seed → same data) */
  seed: number
  /** large mode: listings are generated on the fly, never held (for benchmarks) */
  large: boolean
  retsVersion: RetsVersion
  /** RETS login authentication scheme */
  auth: 'digest' | 'basic'
  /** reject RETS requests without a valid RETS-UA-Authorization header */
  requireUaAuth: boolean
  /** idle seconds before a RETS session expires (0 = never) */
  sessionTimeoutSeconds: number
  /** how an expired session is answered: RETS ReplyCode 20037 in a 200 body, or HTTP 401 with a new challenge */
  sessionExpiredReply: '20037' | '401'
  /** concurrent RETS sessions per user (0 = unlimited); the next login gets ReplyCode 20050-style refusal */
  maxConcurrentLogins: number
  /** server-side row cap per Search reply, whatever Limit says (RETS servers use 2500 / 5000) */
  maxRows: number
  /** advertise an Action URL in the login reply (clients must GET it) */
  action: boolean
  realm: string
  /** gzip RETS / IDX XML replies when the client sends Accept-Encoding: gzip (as flexmls does) */
  gzip: boolean
  /** reference "now" of the generator: timestamps spread over the two years before it */
  epoch: string
  /**
   * Property classes beyond A, B and C (named X1…Xn, each with the Residential fields and rows), for the metadata of
   * a large MLS: dozens of classes whose TABLE is loaded one by one
   */
  extraClasses: number
  /** serve every photo padded to this many bytes, as real listing photos are (0: as rendered, ~4–10 KB) */
  photoBytes: number
  /** server variations to play from the start (see quirks/quirk-catalogue.ts) */
  quirks: QuirkName[]
}

export interface FaultState {
  /** delay every non-admin response by this many ms */
  slowMs: number
  /** send half a body, then destroy the socket */
  dropMidBody: boolean
  /** cut XML replies so they are not well-formed */
  malformedXml: boolean
  /** send Latin-1 bytes while the XML declaration and Content-Type claim UTF-8 */
  latin1UnderUtf8: boolean
  /** answer 401 without a WWW-Authenticate header */
  unauthorizedNoChallenge: boolean
  /** path prefix the faults apply to ('/' = everything but /admin) */
  scope: string
}

export type DemoRole = 'member' | 'idx' | 'admin'

export interface DemoUser {
  username: string
  password: string
  /** RETS User-Agent password for RETS-UA-Authorization */
  uaPassword: string
  /** product name the UA digest is computed with (the User-Agent's product token) */
  userAgent: string
  /** a registered product name other than the User-Agent, when the server computes the UA digest with that */
  uaProduct?: string
  role: DemoRole
  /** Member record this user is (shown in the login reply's User= line) */
  agentKey: string
}

import type { DemoOAuthClient } from './oauth/token-registry'

export interface DemoContext {
  data: DemoData
  options: DemoMlsOptions
  /** http://127.0.0.1:port (valid once listening) */
  baseUrl(): string
  faults: FaultState
  users: DemoUser[]
  findUser(username: string): DemoUser | undefined
  /** OAuth clients of this instance (RESO and Spark); tests may add their own */
  oauthClients: DemoOAuthClient[]
  /** RETS / IDX sessions (cookie RETS-Session-ID) */
  sessions: SessionStore
  /** Listing Activity API keys and recorded views */
  activity: ActivityStore
  setFaults(patch: Partial<FaultState>): FaultState
  /** is this real-server variation switched on? */
  quirk(name: QuirkName): boolean
  /** replaces the set of active quirks; returns it */
  setQuirks(names: QuirkName[]): QuirkName[]
}

export const defaultOptions: DemoMlsOptions = {
  host: '127.0.0.1',
  port: 0,
  listings: 5000,
  seed: 20260601,
  large: false,
  retsVersion: '1.7.2',
  auth: 'digest',
  requireUaAuth: false,
  sessionTimeoutSeconds: 0,
  sessionExpiredReply: '20037',
  maxConcurrentLogins: 0,
  maxRows: 2500,
  action: true,
  realm: 'Demo MLS RETS',
  gzip: true,
  epoch: '2026-06-01T00:00:00Z',
  extraClasses: 0,
  photoBytes: 0,
  quirks: []
}

export const noFaults: FaultState = {
  slowMs: 0,
  dropMidBody: false,
  malformedXml: false,
  latin1UnderUtf8: false,
  unauthorizedNoChallenge: false,
  scope: '/'
}

/** Demo credentials, printed by the CLI and preconfigured in the app's Demo MLS profile. */
export const defaultUsers: DemoUser[] = [
  {
    username: 'demo',
    password: 'demo-pass',
    uaPassword: 'demo-ua-pass',
    userAgent: 'MLSWorkbench/1.0',
    role: 'member',
    agentKey: 'M00001'
  },
  {
    username: 'idx',
    password: 'idx-pass',
    uaPassword: 'idx-ua-pass',
    userAgent: 'MLSWorkbench/1.0',
    role: 'idx',
    agentKey: 'M00002'
  },
  {
    username: 'admin',
    password: 'admin-pass',
    uaPassword: 'admin-ua-pass',
    userAgent: 'MLSWorkbench/1.0',
    role: 'admin',
    agentKey: 'M00003'
  }
]
