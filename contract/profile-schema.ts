// The connection profile: what is saved per server, as plain JSON the user can read, diff and keep in git
// in the user-data folder. One zod schema — the same library the IPC contract validates with — is the single
// truth for the fields of every kind. Secret VALUES never appear in a profile: every object is strict, so a stray
// "password" key is an error; the secret NAMES each kind uses are in kinds.ts.
import { z } from 'zod'
import type { ProfileKind } from './kinds'

export const RETS_VERSIONS = ['1.5', '1.7', '1.7.2', '1.8'] as const
export const OAUTH_GRANTS = ['client_credentials', 'authorization_code', 'password', 'refresh', 'static'] as const
export const DEFAULT_USER_AGENT = 'MLSWorkbench/1.0'

// ids are file names (<id>.json) and keychain account prefixes (<id>/<secret>): lower-case slugs, no '/'
export const PROFILE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/
const profileId = z.string().regex(PROFILE_ID_PATTERN, 'must be a lower-case slug (a-z, 0-9, -)')

/** http(s) only, no user:password@ (a secret in a plain file), no #fragment (never sent to a server). */
function httpUrl() {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL` })
        return
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: `must be an http:// or https:// URL, not ${url.protocol}` })
      }
      if (url.username || url.password) {
        ctx.addIssue({
          code: 'custom',
          message: 'must not contain a user name or password; use the profile credentials'
        })
      }
      if (url.hash) ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' })
    })
}

// headers whose value is a credential: those belong in the SecretStore, never in the profile file
const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'rets-ua-authorization',
  'x-api-key',
  'x-sparkapi-auth'
])
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const extraHeaders = z
  .record(z.string(), z.string().regex(/^[^\r\n]*$/, 'must be one line'))
  .superRefine((headers, ctx) => {
    for (const name of Object.keys(headers)) {
      if (!HEADER_NAME.test(name))
        ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is not a valid header name` })
      else if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `"${name}" carries credentials; those are kept in the secret store, not the profile`
        })
      }
    }
  })

const network = z.strictObject({
  proxyUrl: httpUrl().optional(),
  /** for a proxy that asks for a login; its password is the profile's `proxyPassword` secret */
  proxyUser: z.string().trim().min(1).max(256).optional(),
  /** PEM file of extra trusted CAs (corporate proxies, self-signed test servers) */
  caFile: z
    .string()
    .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute path')
    .optional(),
  /** time to open the connection (TCP connect) */
  connectTimeoutMs: z.int().min(1000).max(300_000).default(15_000),
  /** idle timeout: no byte for this long (waiting for headers or between body chunks) ends the request */
  requestTimeoutMs: z.int().min(1000).max(3_600_000).default(120_000),
  /** total deadline of one request, body included; absent = none (a streaming search may run for many minutes) */
  totalTimeoutMs: z.int().min(1000).max(86_400_000).optional()
})

function limits(defaultPageSize: number, maxPageSize: number) {
  return z.strictObject({
    /** rows asked per request (RETS Limit, OData maxpagesize, Spark _limit); servers may cap lower */
    pageSize: z.int().min(1).max(maxPageSize).default(defaultPageSize),
    /** stop after this many rows in total (protects the app from an accidental "everything" query) */
    maxRecords: z.int().min(1).optional(),
    /** the largest single record held in memory while it arrives, in MB (default 16): a bound on hostile replies */
    maxRecordMb: z.int().min(1).max(1024).optional()
  })
}

/**
 * Where the sync keeps this profile's local copy: SQLite in the user-data folder (default), or a shared PostgreSQL
 * database. The connection string carries no password — that lives in the keychain as `postgresPassword`.
 */
const syncSettings = z
  .strictObject({
    store: z.enum(['sqlite', 'postgres']).default('sqlite'),
    postgresUrl: z
      .string()
      .trim()
      .max(2000)
      .regex(/^postgres(ql)?:\/\//, 'must start with postgresql://')
      .refine(
        // user:password@ in the authority, or libpq's ?password= parameter
        (url) => !/^postgres(ql)?:\/\/[^/@]*:[^/@]*@/.test(url) && !/[?&]password=/.test(url),
        'must not contain a password (it goes in the keychain)'
      )
      .optional()
  })
  .refine((s) => s.store !== 'postgres' || s.postgresUrl !== undefined, {
    path: ['postgresUrl'],
    message: 'is needed to sync into PostgreSQL'
  })

const common = {
  id: profileId,
  name: z.string().trim().min(1, 'must not be empty').max(120),
  notes: z.string().max(4000).optional(),
  userAgent: z.string().trim().min(1).max(200).default(DEFAULT_USER_AGENT),
  network: network.prefault({}),
  extraHeaders: extraHeaders.optional(),
  sync: syncSettings.optional(),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional()
}

// RETS and the RETS-style IDX API share the login transport (digest or basic, RETS-Version, GET or POST)
const retsTransport = {
  loginUrl: httpUrl(),
  userName: z.string().min(1, 'must not be empty'),
  retsVersion: z.enum(RETS_VERSIONS).default('1.7.2'),
  /** per profile: some servers only accept one; parameters never go in both query and body */
  httpMethod: z.enum(['GET', 'POST']).default('GET'),
  /** 'auto' answers whatever WWW-Authenticate asks for */
  authMethod: z.enum(['digest', 'basic', 'auto']).default('auto'),
  /** Basic sends the password itself: 'auto' answers a Basic challenge over plain http only when this is on */
  allowBasicOverHttp: z.boolean().optional(),
  /** origins besides the login URL's that may receive the credentials (capability URLs on another host) */
  credentialOrigins: z.array(httpUrl()).max(20).optional(),
  /** RETS-Request-ID header sent with every request (and part of the UA-auth digest) */
  requestId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/)
    .optional()
}

const oauth = z
  .strictObject({
    grant: z.enum(OAUTH_GRANTS),
    tokenUrl: httpUrl().optional(),
    authorizeUrl: httpUrl().optional(),
    clientId: z.string().trim().min(1).optional(),
    clientAuth: z.enum(['basic', 'body']).default('basic'),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'is not a valid OAuth scope')).default([]),
    /** 127.0.0.1 port of the authorization-code redirect listener; 0 = any free port */
    redirectPort: z.int().min(0).max(65535).default(0),
    /** Spark also accepts `Authorization: OAuth <token>` besides Bearer */
    headerScheme: z.enum(['Bearer', 'OAuth']).default('Bearer'),
    /** 'spark': token requests are JSON to /v1/oauth2/grant, as the Spark API's OAuth docs describe */
    tokenStyle: z.enum(['rfc6749', 'spark']).default('rfc6749')
  })
  .superRefine((o, ctx) => {
    const need = (field: 'tokenUrl' | 'authorizeUrl' | 'clientId'): void => {
      if (!o[field]) ctx.addIssue({ code: 'custom', path: [field], message: `is required for the ${o.grant} grant` })
    }
    if (o.grant !== 'static') need('tokenUrl')
    if (o.grant === 'client_credentials' || o.grant === 'authorization_code' || o.grant === 'refresh') need('clientId')
    if (o.grant === 'authorization_code') need('authorizeUrl')
  })

/** The password grant sends the profile's user name (RFC 6749 §4.3). */
function requireUserNameForPasswordGrant(
  p: { userName?: string | undefined; oauth: { grant: string } },
  ctx: z.RefinementCtx
): void {
  if (p.oauth.grant === 'password' && !p.userName) {
    ctx.addIssue({ code: 'custom', path: ['userName'], message: 'is required for the password grant' })
  }
}

export const retsProfileSchema = z.strictObject({
  kind: z.literal('rets'),
  ...common,
  ...retsTransport,
  /** product name the RETS-UA-Authorization digest is computed with; default: the User-Agent's product token */
  uaProductName: z.string().trim().min(1).optional(),
  /** Search QueryType: DMQL2 (default) or DMQL for RETS 1.0-era servers */
  queryType: z.enum(['DMQL2', 'DMQL']).optional(),
  /** RestrictedIndicator: the text the server puts in fields the user may not see (e.g. ****) */
  restrictedIndicator: z
    .string()
    .min(1)
    .max(20)
    .regex(/^[^\r\n]*$/)
    .optional(),
  /** GetMetadata Format: STANDARD-XML (default) or COMPACT */
  metadataFormat: z.enum(['STANDARD-XML', 'COMPACT']).optional(),
  /** Accept header of GetObject (e.g. image/jpeg); default: any type */
  objectAccept: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/)
    .optional(),
  // servers cap Search replies at 2500 / 5000 rows whatever Limit says
  limits: limits(2500, 100_000).prefault({})
})

export const idxProfileSchema = z.strictObject({
  kind: z.literal('idx'),
  ...common,
  ...retsTransport,
  limits: limits(100, 5000).prefault({})
})

export const activityProfileSchema = z.strictObject({
  kind: z.literal('activity'),
  ...common,
  /** base of tracker.gif and the ViewTracking POST, e.g. https://retsgw.flexmls.com/tracking/v1/ (the Listing Activity API) */
  trackingUrl: httpUrl(),
  /** RETS profile whose login advertises the X-ApiAccessSettings capability (where the API key is generated) */
  retsProfileId: profileId.optional()
})

export const resoProfileSchema = z
  .strictObject({
    kind: z.literal('reso'),
    ...common,
    /** OData service root; $metadata and the resources hang off it */
    serviceUrl: httpUrl(),
    userName: z.string().min(1).optional(),
    oauth,
    /** `Namespace.Enum'Value'` vs plain 'Value' in $filter (servers differ) */
    enumLiterals: z.enum(['qualified', 'string']).default('qualified'),
    // page caps differ: Trestle 1000, Bridge 200, MLS Grid 5000
    limits: limits(1000, 5000).prefault({})
  })
  .superRefine(requireUserNameForPasswordGrant)

export const sparkProfileSchema = z
  .strictObject({
    kind: z.literal('spark'),
    ...common,
    /** e.g. https://sparkapi.com/v1 */
    apiUrl: httpUrl(),
    userName: z.string().min(1).optional(),
    oauth,
    // Spark's _limit is at most 25 on most endpoints, 1000 on a few
    limits: limits(25, 1000).prefault({})
  })
  .superRefine(requireUserNameForPasswordGrant)

export const connectionProfileSchema = z.discriminatedUnion('kind', [
  retsProfileSchema,
  resoProfileSchema,
  sparkProfileSchema,
  idxProfileSchema,
  activityProfileSchema
])

/** A validated profile, defaults filled in. */
export type ConnectionProfile = z.output<typeof connectionProfileSchema>
/** What a caller may send: defaults may be left out. */
export type ConnectionProfileInput = z.input<typeof connectionProfileSchema>
export type ProfileOfKind<K extends ProfileKind> = Extract<ConnectionProfile, { kind: K }>
export type RetsProfile = ProfileOfKind<'rets'>
export type ResoProfile = ProfileOfKind<'reso'>
export type SparkProfile = ProfileOfKind<'spark'>
export type IdxProfile = ProfileOfKind<'idx'>
export type ActivityProfile = ProfileOfKind<'activity'>
