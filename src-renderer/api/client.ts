// The renderer's one api object: window.api under Electron (from the preload), the web transport otherwise.
// `call` unwraps the envelope and throws the error shape, so stores can use try/catch.
import type {
  ArgsOf,
  EventChannel,
  EventPayload,
  RequestChannel,
  ResultOf,
  WorkbenchApi
} from '../../contract/ipc-contract'
import type { AppErrorShape } from '../../contract/app-error'
import { createWebTransport, takeToken } from './web-transport'

declare global {
  interface Window {
    api?: WorkbenchApi
  }
}

let transport: WorkbenchApi | undefined

export function api(): WorkbenchApi {
  transport ??= window.api ?? createWebTransport(takeToken())
  return transport
}

/** For tests: use a given transport. */
export function useTransport(t: WorkbenchApi): void {
  transport = t
}

export class ApiError extends Error implements AppErrorShape {
  code: string
  detail?: string
  hint?: string
  constructor(shape: AppErrorShape) {
    super(shape.message)
    this.code = shape.code
    if (shape.detail) this.detail = shape.detail
    if (shape.hint) this.hint = shape.hint
  }
}

export async function call<C extends RequestChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  const env = await api().invoke(channel, args)
  if (!env.ok) throw new ApiError(env.error)
  return env.value
}

export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return api().on(event, listener)
}
