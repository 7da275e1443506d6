// The single truth for every request channel (its argument schema and result type) and every event. Used by the
// preload allow-list, main's handler registry (runtime validation), web mode and the renderer's typed api client.
// Argument schemas are strict: unknown keys are refused, so a renderer cannot smuggle options past validation.
import { z } from 'zod'
import type { AppErrorShape } from './app-error'
import { PROFILE_KINDS, type ConnectionProfile } from '../services/connections/profile-schema'
import type {
  ConnectionInfo,
  ConnectionTestStep,
  FieldMeta,
  PhotoExportSummary,
  LookupValue,
  MetadataSummary,
  ProfileSummary,
  ResultSummary,
  WireBodySlice,
  WireEntry
} from './workbench-types'

/** Phantom marker that carries a result type without a runtime value. */
const result = <T>(): T => undefined as T

export interface AppInfo {
  name: string
  version: string
  platform: string
  mode: 'electron' | 'web' | 'cli'
  keychain: { kind: 'keychain' | 'safeStorage' | 'memory'; persistent: boolean; detail: string }
  userDataDir: string
  demoMlsUrl: string | null
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled'

export interface JobProgress {
  jobId: string
  kind: string
  title: string
  state: JobState
  /** units done so far (rows, objects, bytes…) */
  done: number
  /** total units when known */
  total?: number
  unit: string
  /** units per second, smoothed */
  rate?: number
  message?: string
  error?: AppErrorShape
}

const id = z.string().min(1).max(128)
const name = z.string().min(1).max(256)

const dmqlQuery = z
  .object({
    kind: z.literal('dmql'),
    resource: name,
    class: name,
    query: z.string().max(100_000),
    format: z.enum(['COMPACT', 'COMPACT-DECODED', 'STANDARD-XML']),
    select: z.array(name).max(2000).optional(),
    limit: z.number().int().min(1).max(10_000_000).optional(),
    offset: z.number().int().min(1).optional(),
    count: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    standardNames: z.boolean(),
    fetchAll: z.boolean(),
    maxRows: z.number().int().min(1).max(10_000_000).optional()
  })
  .strict()
const odataQuery = z
  .object({
    kind: z.literal('odata'),
    resource: name,
    filter: z.string().max(100_000).optional(),
    select: z.array(name).max(2000).optional(),
    top: z.number().int().min(1).max(10_000_000).optional(),
    skip: z.number().int().min(0).optional(),
    orderby: z.string().max(2000).optional(),
    expand: z.string().max(2000).optional(),
    count: z.boolean(),
    fetchAll: z.boolean(),
    maxRows: z.number().int().min(1).max(10_000_000).optional()
  })
  .strict()
const sparkQuery = z
  .object({
    kind: z.literal('spark'),
    filter: z.string().max(100_000).optional(),
    select: z.array(name).max(2000).optional(),
    expand: z.string().max(2000).optional(),
    orderby: z.string().max(2000).optional(),
    limit: z.number().int().min(1).max(10_000_000).optional(),
    page: z.number().int().min(1).optional(),
    fetchAll: z.boolean(),
    maxRows: z.number().int().min(1).max(10_000_000).optional()
  })
  .strict()
export const querySpecSchema = z.discriminatedUnion('kind', [dmqlQuery, odataQuery, sparkQuery])

/** Channels of the workbench proper: profiles, sessions, metadata, queries, results, wire log. */
function workbenchChannels() {
  return {
    'profiles:list': { args: z.object({}).strict(), result: result<ProfileSummary[]>() },
    'profiles:get': { args: z.object({ profileId: id }).strict(), result: result<ConnectionProfile>() },
    /** creates when `profileId` is absent, else replaces that profile (secrets are set separately) */
    'profiles:save': {
      // a draft (no id or timestamps yet): the profile store validates it field by field against the full schema
      args: z.object({ profileId: id.optional(), profile: z.looseObject({ kind: z.enum(PROFILE_KINDS) }) }).strict(),
      result: result<ConnectionProfile>()
    },
    'profiles:duplicate': {
      args: z.object({ profileId: id, name: name.optional() }).strict(),
      result: result<ConnectionProfile>()
    },
    'profiles:test': { args: z.object({ profileId: id }).strict(), result: result<ConnectionTestStep[]>() },
    'profiles:delete': { args: z.object({ profileId: id }).strict(), result: result<{ deleted: boolean }>() },
    'secrets:set': {
      args: z.object({ profileId: id, name: z.string().min(1).max(64), value: z.string().min(1).max(16_384) }).strict(),
      result: result<{ stored: boolean; persistent: boolean }>()
    },
    'secrets:clear': {
      args: z.object({ profileId: id, name: z.string().min(1).max(64) }).strict(),
      result: result<{ cleared: boolean }>()
    },
    'session:connect': { args: z.object({ profileId: id }).strict(), result: result<ConnectionInfo>() },
    'session:disconnect': { args: z.object({ profileId: id }).strict(), result: result<{ disconnected: boolean }>() },
    'metadata:summary': {
      args: z.object({ profileId: id, refresh: z.boolean().optional() }).strict(),
      result: result<MetadataSummary>()
    },
    'metadata:fields': {
      args: z.object({ profileId: id, resource: name, class: name }).strict(),
      result: result<FieldMeta[]>()
    },
    'metadata:lookup': {
      args: z.object({ profileId: id, resource: name, lookup: name }).strict(),
      result: result<LookupValue[]>()
    },
    'query:run': {
      args: z.object({ profileId: id, spec: querySpecSchema }).strict(),
      result: result<{ jobId: string; resultId: string }>()
    },
    'results:summary': { args: z.object({ resultId: id }).strict(), result: result<ResultSummary>() },
    'results:page': {
      args: z
        .object({ resultId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) })
        .strict(),
      result: result<{ offset: number; rows: string[][]; total: number; complete: boolean }>()
    },
    'results:export': {
      args: z.object({ resultId: id, format: z.enum(['csv', 'json']), path: z.string().min(1).max(4096) }).strict(),
      result: result<{ path: string; rows: number; bytes: number }>()
    },
    'photos:export': {
      args: z
        .object({
          profileId: id,
          resource: name.optional(),
          mode: z.enum(['multipart', 'location', 'single']).optional(),
          request: z
            .object({
              destination: z.string().min(1).max(4096),
              listingKeys: z.array(z.string().min(1).max(256)).min(1).max(100_000),
              types: z.array(name).min(1).max(20),
              objectIds: z
                .union([z.literal('*'), z.literal('0'), z.array(z.number().int().min(0)).max(1000)])
                .optional(),
              namingPattern: z.string().max(500).optional(),
              batchSize: z.number().int().min(1).max(500).optional(),
              concurrency: z.number().int().min(1).max(32).optional(),
              resume: z.boolean().optional()
            })
            .strict()
        })
        .strict(),
      result: result<{ jobId: string }>()
    },
    /** null while the export runs (progress comes as job:progress) */
    'photos:summary': {
      args: z.object({ jobId: z.string().min(1).max(64) }).strict(),
      result: result<PhotoExportSummary | null>()
    },
    'wire:list': { args: z.object({}).strict(), result: result<WireEntry[]>() },
    'wire:body': {
      args: z
        .object({
          id,
          offset: z.number().int().min(0),
          length: z
            .number()
            .int()
            .min(1)
            .max(1024 * 1024)
        })
        .strict(),
      result: result<WireBodySlice>()
    },
    'wire:curl': { args: z.object({ id }).strict(), result: result<{ curl: string }>() }
  } as const
}

export const requestChannels = {
  'app:info': { args: z.object({}).strict(), result: result<AppInfo>() },
  'app:ping': {
    args: z.object({ message: z.string().max(1000) }).strict(),
    result: result<{ pong: string; at: string }>()
  },
  'app:openExternal': {
    args: z.object({ url: z.string().max(4096) }).strict(),
    result: result<{ opened: boolean }>()
  },
  'job:list': { args: z.object({}).strict(), result: result<JobProgress[]>() },
  'job:cancel': {
    args: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    result: result<{ cancelled: boolean }>()
  },
  /** A demonstration job used by the status bar and tests: counts to `steps`, cancellable. */
  'job:sample': {
    args: z.object({ steps: z.number().int().min(1).max(10_000), delayMs: z.number().int().min(0).max(1000) }).strict(),
    result: result<{ jobId: string }>()
  },
  ...workbenchChannels()
} as const

export const eventChannels = {
  'job:progress': result<JobProgress>(),
  'log:line': result<{ level: 'info' | 'warn' | 'error'; message: string; at: string }>()
} as const

export type RequestChannel = keyof typeof requestChannels
export type EventChannel = keyof typeof eventChannels
export type ArgsOf<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['args']>
export type ParsedArgsOf<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['args']>
export type ResultOf<C extends RequestChannel> = (typeof requestChannels)[C]['result']
export type EventPayload<E extends EventChannel> = (typeof eventChannels)[E]

/** What crosses the boundary: errors travel as data, because Electron strips custom fields from thrown errors. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape }

export const requestChannelNames = Object.keys(requestChannels) as RequestChannel[]
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[]

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestChannels, name)
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventChannels, name)
}

/** The api surface both transports implement (window.api under Electron, fetch + WebSocket in web mode). */
export interface WorkbenchApi {
  invoke<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<Envelope<ResultOf<C>>>
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
