// What each connection kind is and can do — one table that main's session factory and handlers and the renderer's
// buttons and tabs all read, so no two places can disagree: its names, the query language its editor speaks, the
// secrets a profile of it keeps in the keychain, and the capabilities a live connection of it offers.
import { z } from 'zod'

export const PROFILE_KINDS = ['rets', 'reso', 'spark', 'idx', 'activity'] as const
export const profileKindSchema = z.enum(PROFILE_KINDS)
export type ProfileKind = z.output<typeof profileKindSchema>

/** The query languages of the editor: DMQL2 (RETS and the IDX API), OData $filter, SparkQL. */
export const QUERY_KINDS = ['dmql', 'odata', 'spark'] as const
export const queryKindSchema = z.enum(QUERY_KINDS)
export type QueryKind = z.output<typeof queryKindSchema>

export const SECRET_NAMES = [
  'password',
  'uaPassword',
  'clientSecret',
  'accessToken',
  // when the access token expires (epoch ms); not secret, but it lives and dies with the token
  'accessTokenExpiresAt',
  'refreshToken',
  'apiKey',
  // for a proxy that asks for a login (network.proxyUser)
  'proxyPassword',
  // the sync's shared PostgreSQL store (sync.postgresUrl)
  'postgresPassword'
] as const
export type ProfileSecretName = (typeof SECRET_NAMES)[number]
/** The secrets a user types in the profile editor (the token expiry is written by the app beside its token). */
export type EnteredSecretName = Exclude<ProfileSecretName, 'accessTokenExpiresAt'>

export const SECRET_LABELS: Readonly<Record<EnteredSecretName, string>> = {
  password: 'Password',
  uaPassword: 'User-Agent password',
  clientSecret: 'Client secret',
  accessToken: 'Access token',
  refreshToken: 'Refresh token',
  apiKey: 'API key',
  proxyPassword: 'Proxy password',
  postgresPassword: 'PostgreSQL password (sync store)'
}

/** Secrets worth copying when a profile is duplicated; tokens belong to one sign-in and are not. */
export const LONG_LIVED_SECRETS: readonly ProfileSecretName[] = [
  'password',
  'uaPassword',
  'clientSecret',
  'apiKey',
  'proxyPassword',
  'postgresPassword'
]

/**
 * What a live connection can be asked to do. `metadata`: the metadata tree, fields and lookups; `search`: queries
 * into a result grid; `photos`: photo export; `activity`: sending listing views; `sync`: keeping a local
 * database copy of the feed (the sync engine, every protocol's: RETS, RESO, Spark and the IDX API).
 */
export const CAPABILITIES = ['metadata', 'search', 'photos', 'activity', 'sync'] as const
export const capabilitySchema = z.enum(CAPABILITIES)
export type Capability = z.output<typeof capabilitySchema>

export interface KindFacts {
  /** the full name, in menus and messages */
  label: string
  /** the sidebar badge */
  shortLabel: string
  /** what a new profile of this kind asks for */
  needs: string
  /** the language of its query tabs; absent when it has nothing to query */
  queryLanguage?: QueryKind
  /** the secret names a profile of this kind may keep (the handler refuses any other) */
  secrets: readonly ProfileSecretName[]
  capabilities: readonly Capability[]
  /** what a profile of this kind is for, when asked for something it cannot do */
  instead?: string
  /** the tab a click on the profile opens when not the kind's query tab (the IDX API: its Sync tab) */
  home?: 'sync'
}

const OAUTH_SECRETS = [
  'clientSecret',
  'accessToken',
  'accessTokenExpiresAt',
  'refreshToken',
  'password',
  'proxyPassword',
  'postgresPassword'
] as const

export const KINDS = {
  rets: {
    label: 'RETS',
    shortLabel: 'RETS',
    needs: 'Login URL, user name, password',
    queryLanguage: 'dmql',
    secrets: ['password', 'uaPassword', 'proxyPassword', 'postgresPassword'],
    capabilities: ['metadata', 'search', 'photos', 'sync']
  },
  reso: {
    label: 'RESO Web API',
    shortLabel: 'RESO',
    needs: 'OData service root and OAuth2',
    queryLanguage: 'odata',
    secrets: OAUTH_SECRETS,
    capabilities: ['metadata', 'search', 'photos', 'sync']
  },
  spark: {
    label: 'Spark API',
    shortLabel: 'Spark',
    needs: 'API root and OAuth client',
    queryLanguage: 'spark',
    secrets: OAUTH_SECRETS,
    capabilities: ['metadata', 'search', 'photos', 'sync']
  },
  // The IDX API logs in like RETS with a user name and password only; its login also hands out the RETS
  // GetMetadata and GetObject of the same session, so it has metadata, RETS-style search and photos besides sync.
  idx: {
    label: 'IDX API',
    shortLabel: 'IDX',
    needs: 'IDX login URL: search and sync',
    queryLanguage: 'dmql',
    secrets: ['password', 'proxyPassword', 'postgresPassword'],
    capabilities: ['metadata', 'search', 'photos', 'sync'],
    home: 'sync'
  },
  // The Listing Activity API authenticates with the API key in the URL path and only receives listing views.
  activity: {
    label: 'Listing Activity',
    shortLabel: 'Activity',
    needs: 'Tracking URL and API key',
    secrets: ['apiKey', 'proxyPassword'],
    capabilities: ['activity'],
    instead: 'Listing Activity profiles send tracker.gif views and ViewTracking uploads from the activity composer.'
  }
} as const satisfies Record<ProfileKind, KindFacts>

/** The capabilities of a kind, as a type: `CapabilitiesOf<'activity'>` is `'activity'`. */
export type CapabilitiesOf<K extends ProfileKind> = (typeof KINDS)[K]['capabilities'][number]

export function kindFacts(kind: ProfileKind): KindFacts {
  return KINDS[kind]
}

export function kindHas(kind: ProfileKind, capability: Capability): boolean {
  return kindFacts(kind).capabilities.includes(capability)
}

export function queryLanguageOf(kind: ProfileKind): QueryKind | undefined {
  return kindFacts(kind).queryLanguage
}

/** The secrets the profile editor asks for, in the table's order. */
export function enteredSecrets(kind: ProfileKind): EnteredSecretName[] {
  return kindFacts(kind).secrets.filter((name): name is EnteredSecretName => name !== 'accessTokenExpiresAt')
}

/** What a capability is called when a connection lacks it ("… cannot <verb>"). */
export const CAPABILITY_VERBS: Readonly<Record<Capability, string>> = {
  metadata: 'serve metadata',
  search: 'run queries',
  photos: 'export photos',
  activity: 'send listing views',
  sync: 'sync into a local database'
}
