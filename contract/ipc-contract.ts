// The single truth for every request channel (its argument schema and result type) and every event. Used by the
// preload allow-list, main's handler registry (runtime validation), web mode and the renderer's typed api client.
// Argument schemas are strict: unknown keys are refused, so a renderer cannot smuggle options past validation.
import { z } from 'zod'
import type { AppErrorShape } from './app-error'
import { PROFILE_KINDS, type ConnectionProfile } from './profile-schema'
import type {
  ConnectionInfo,
  ConnectionTestStep,
  FieldMeta,
  LookupValue,
  MetadataSummary,
  ProfileSummary,
  ResultSummary,
  WireBodySlice,
  WireEntry
} from './workbench-types'
import type { LibraryImportSummary, LibraryListing, LibraryUsage, SavedQuery } from './library-types'
import { photoChannels } from './photo-channels'
import type { MetadataDiff } from '../domain/metadata/metadata-diff'
import { idxChannels } from './idx-channels'
import { activityChannels } from './activity-channels'
import type { MenuCommand } from './menu-commands'

/** Phantom marker that carries a result type without a runtime value. */
const result = <T>(): T => undefined as T

export interface AppInfo {
  name: string
  version: string
  platform: string
  mode: 'electron' | 'web' | 'cli'
  keychain: {
    kind: 'keychain' | 'safeStorage' | 'memory'
    persistent: boolean
    summary: string
    advice?: string
    detail?: string
  }
  userDataDir: string
  demoMlsUrl: string | null
  /** the desktop shell can show native folder/save pickers and open folders (web mode cannot) */
  nativeDialogs: boolean
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

// one line of text people read in lists (names, folders, tags): no control characters, so files and menus stay tidy
const ONE_LINE = /^\P{Cc}*$/u
const queryLabel = (max: number) => z.string().max(max).regex(ONE_LINE, 'must be one line of text')
/** A saved query as the renderer sends it; the library adds id and timestamps and checks names per folder. */
export const savedQueryDraftSchema = z
  .object({
    name: queryLabel(120).min(1),
    /** '' or absent = top level */
    folder: queryLabel(120).optional(),
    tags: z.array(queryLabel(40).min(1)).max(30).optional(),
    description: z.string().max(10_000).optional(),
    /** absent = kept for any profile whose query language is spec.kind */
    profileId: id.optional(),
    spec: querySpecSchema
  })
  .strict()

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
    'metadata:versions': {
      args: z.object({ profileId: id }).strict(),
      result: result<{ version: string; savedAt: string }[]>()
    },
    /** what changed from a kept snapshot to another one, or to the metadata in use now */
    'metadata:diff': {
      args: z.object({ profileId: id, from: name, to: name.optional() }).strict(),
      result: result<MetadataDiff>()
    },
    /** every class's fields and lookup's values loaded, then a spreadsheet (or the model as JSON) written */
    'metadata:report': {
      args: z.object({ profileId: id, format: z.enum(['xlsx', 'json']), path: z.string().min(1).max(4096) }).strict(),
      result: result<{ jobId: string }>()
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
      args: z
        .object({ resultId: id, format: z.enum(['csv', 'json', 'xlsx']), path: z.string().min(1).max(4096) })
        .strict(),
      result: result<{ path: string; rows: number; bytes: number }>()
    },
    ...photoChannels(),
    ...idxChannels(),
    ...activityChannels(),
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

const queryId = z.string().min(1).max(80)
const jsonFilePath = z.string().min(1).max(4096)

/** The saved-query library: files in `<userData>/library/`, addressed by id; import/export take a full .json path. */
function libraryChannels() {
  return {
    'library:list': {
      args: z
        .object({
          profileId: id.optional(),
          kind: z.enum(['dmql', 'odata', 'spark']).optional(),
          text: z.string().max(500).optional()
        })
        .strict(),
      result: result<LibraryListing>()
    },
    'library:get': { args: z.object({ queryId }).strict(), result: result<SavedQuery>() },
    /** creates when `queryId` is absent, else replaces that saved query; names are unique per folder */
    'library:save': {
      args: z.object({ queryId: queryId.optional(), query: savedQueryDraftSchema }).strict(),
      result: result<SavedQuery>()
    },
    /** new name and, when given, new folder ('' = top level); the id stays */
    'library:rename': {
      args: z.object({ queryId, name: queryLabel(120).min(1), folder: queryLabel(120).optional() }).strict(),
      result: result<SavedQuery>()
    },
    'library:duplicate': {
      args: z.object({ queryId, name: queryLabel(120).min(1).optional() }).strict(),
      result: result<SavedQuery>()
    },
    'library:delete': { args: z.object({ queryId }).strict(), result: result<{ deleted: boolean }>() },
    'library:export': {
      args: z.object({ path: jsonFilePath, queryIds: z.array(queryId).max(10_000).optional() }).strict(),
      result: result<{ path: string; count: number }>()
    },
    'library:import': { args: z.object({ path: jsonFilePath }).strict(), result: result<LibraryImportSummary>() },
    /** saved queries (of this profile, or kept for any profile of its kind) that mention a field */
    'library:usage': {
      args: z
        .object({ profileId: id, resource: name, class: name.optional(), field: name, standardName: name.optional() })
        .strict(),
      result: result<LibraryUsage>()
    }
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
  /** a native folder or save-as picker; `supported: false` in web mode, where the user types the path */
  'app:pickPath': {
    args: z
      .object({
        purpose: z.enum(['folder', 'save']),
        title: z.string().max(200).optional(),
        defaultPath: z.string().max(4096).optional(),
        extensions: z
          .array(z.string().regex(/^[a-z0-9]{1,10}$/i))
          .max(10)
          .optional()
      })
      .strict(),
    result: result<{ supported: boolean; path: string | null }>()
  },
  /** shows a folder the app wrote to (an export destination) in the OS file manager */
  'app:openFolder': {
    args: z.object({ path: z.string().min(1).max(4096) }).strict(),
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
  ...workbenchChannels(),
  ...libraryChannels()
} as const

export const eventChannels = {
  'job:progress': result<JobProgress>(),
  'log:line': result<{ level: 'info' | 'warn' | 'error'; message: string; at: string }>(),
  /** files in the profiles or saved-queries folder changed on disk (not necessarily by the app) */
  'folder:changed': result<{ folder: 'profiles' | 'library' }>(),
  /** the desktop app's menu asks the window to run a command */
  'menu:command': result<{ command: MenuCommand }>()
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
