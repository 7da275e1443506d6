// The single truth for every request channel (its argument and result schemas) and every event: the channel files
// of this folder merged into one table. Used by the preload allow-list, main's handler registry (runtime
// validation), web mode and the renderer's typed api client; the types of both sides come from these schemas.
import type { z } from 'zod'
import type { AppErrorShape } from './app-error'
import { appChannels } from './app-channels'
import { jobChannels } from './job-channels'
import { profileChannels } from './profile-channels'
import { sessionChannels } from './session-channels'
import { metadataChannels } from './metadata-channels'
import { queryChannels } from './query-channels'
import { resultsChannels } from './results-channels'
import { wireChannels } from './wire-channels'
import { photoChannels } from './photo-channels'
import { activityChannels } from './activity-channels'
import { libraryChannels } from './library-channels'
import { environmentChannels } from './env-channels'
import { intelChannels } from './intel-channels'
import { syncChannels } from './sync-channels'
import { eventChannels } from './event-channels'

/** Each channel file holds the channels of one prefix (`app:` in app-channels.ts, …). */
export const channelGroups = {
  app: appChannels,
  job: jobChannels,
  profiles: profileChannels,
  session: sessionChannels,
  metadata: metadataChannels,
  query: queryChannels,
  results: resultsChannels,
  wire: wireChannels,
  photos: photoChannels,
  activity: activityChannels,
  library: libraryChannels,
  env: environmentChannels,
  intel: intelChannels,
  sync: syncChannels
} as const

export const requestChannels = {
  ...appChannels,
  ...jobChannels,
  ...profileChannels,
  ...sessionChannels,
  ...metadataChannels,
  ...queryChannels,
  ...resultsChannels,
  ...wireChannels,
  ...photoChannels,
  ...activityChannels,
  ...libraryChannels,
  ...environmentChannels,
  ...intelChannels,
  ...syncChannels
} as const

export { eventChannels }

export type RequestChannel = keyof typeof requestChannels
export type EventChannel = keyof typeof eventChannels
export type ArgsOf<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['args']>
export type ParsedArgsOf<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['args']>
export type ResultOf<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['result']>
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>

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
