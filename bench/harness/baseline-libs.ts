// The baselines' libraries: the slice of npm `rets-client` (CommonJS, no usable typings) the bench calls, typed here,
// and loaders that pull a baseline library in before the clock starts.
import { createRequire } from 'node:module'
import type { Readable } from 'node:stream'

export interface RetsClientSearchEvent {
  type: 'headerInfo' | 'data' | 'done' | 'error' | string
  payload?: unknown
}

export interface RetsClientObjectEvent {
  type: 'headerInfo' | 'dataStream' | 'location' | 'error' | string
  headerInfo?: Record<string, string>
  dataStream?: Readable
  error?: Error
}

export interface RetsClientLike {
  search: {
    stream: {
      query(resource: string, cls: string, query: string, options: Record<string, unknown>): { retsStream: Readable }
    }
  }
  objects: {
    stream: {
      getObjects(
        resource: string,
        type: string,
        ids: Record<string, string>,
        options?: Record<string, unknown>
      ): Promise<{ objectStream: Readable }>
    }
  }
}

interface RetsClientModule {
  getAutoLogoutClient<T>(settings: Record<string, unknown>, fn: (client: RetsClientLike) => Promise<T>): Promise<T>
}

/** Loaded on first use, so workers running our variants do not carry rets-client (and `request`) in their RSS. */
let loaded: RetsClientModule | undefined
export function retsClient(): RetsClientModule {
  loaded ??= createRequire(import.meta.url)('rets-client') as RetsClientModule
  return loaded
}

export const preloadRetsClient = async (): Promise<unknown> => retsClient()
export const preloadFastXmlParser = (): Promise<unknown> => import('fast-xml-parser')

export function retsClientSettings(baseUrl: string, user = 'demo', password = 'demo-pass'): Record<string, unknown> {
  return {
    loginUrl: `${baseUrl}/rets/Login`,
    username: user,
    password,
    version: 'RETS/1.7.2',
    userAgent: 'MLSWorkbench/1.0'
  }
}
