// Main's handler registry: every channel of the contract has exactly one handler; arguments are validated against
// the contract's schema before a handler sees them; whatever a handler throws leaves as the one error shape.
// Both transports (Electron ipcMain and web mode) call `dispatch`, so they cannot drift apart.
import {
  isRequestChannel,
  requestChannels,
  type Envelope,
  type EventChannel,
  type EventPayload,
  type ParsedArgsOf,
  type RequestChannel,
  type ResultOf
} from '../../contract/ipc-contract'
import { toErrorShape } from '../../contract/app-error'
import { redactor } from '../platform/redaction/redactor'

export interface HandlerContext {
  /** which transport the call came through, for handlers that behave differently (file pickers) */
  transport: 'electron' | 'web'
}

export type Handler<C extends RequestChannel> = (
  args: ParsedArgsOf<C>,
  ctx: HandlerContext
) => Promise<ResultOf<C>> | ResultOf<C>

export type HandlerTable = { [C in RequestChannel]: Handler<C> }
export type PartialHandlerTable = Partial<HandlerTable>

export type EventEmitterFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

export interface HandlerRegistry {
  dispatch(channel: unknown, rawArgs: unknown, ctx: HandlerContext): Promise<Envelope<unknown>>
}

/** Merges handler modules; a channel claimed twice or left without a handler is a programming error. */
export function mergeHandlers(...parts: PartialHandlerTable[]): HandlerTable {
  const table: PartialHandlerTable = {}
  for (const part of parts) {
    for (const key of Object.keys(part) as RequestChannel[]) {
      if (table[key]) throw new Error(`IPC channel registered twice: ${key}`)
      ;(table as Record<string, unknown>)[key] = part[key]
    }
  }
  const missing = (Object.keys(requestChannels) as RequestChannel[]).filter((c) => !table[c])
  if (missing.length) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`)
  return table as HandlerTable
}

export function createRegistry(table: HandlerTable): HandlerRegistry {
  return {
    async dispatch(channel, rawArgs, ctx) {
      if (!isRequestChannel(channel)) {
        return fail('IPC_UNKNOWN_CHANNEL', `Unknown channel "${String(channel).slice(0, 80)}".`)
      }
      const parsed = requestChannels[channel].args.safeParse(rawArgs ?? {})
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ')
        return fail('IPC_BAD_ARGS', `Invalid arguments for ${channel}.`, detail)
      }
      try {
        const handler = table[channel] as (args: unknown, ctx: HandlerContext) => unknown
        const value = await handler(parsed.data, ctx)
        return { ok: true, value }
      } catch (err) {
        const shape = toErrorShape(err)
        shape.message = redactor.text(shape.message)
        if (shape.detail) shape.detail = redactor.text(shape.detail)
        return { ok: false, error: shape }
      }
    }
  }
}

function fail(code: string, message: string, detail?: string): Envelope<never> {
  return { ok: false, error: detail ? { code, message, detail } : { code, message } }
}
