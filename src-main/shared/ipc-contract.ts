// The single truth for every request channel (its argument schema and result type) and every event. Used by the
// preload allow-list, main's handler registry (runtime validation), web mode and the renderer's typed api client.
// Argument schemas are strict: unknown keys are refused, so a renderer cannot smuggle options past validation.
import { z } from 'zod'
import type { AppErrorShape } from './app-error'

/** Phantom marker that carries a result type without a runtime value. */
const result = <T>(): T => undefined as T

export interface AppInfo {
  name: string
  version: string
  platform: string
  mode: 'electron' | 'web'
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
  }
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
