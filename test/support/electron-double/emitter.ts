// Node-style events for the double's objects, plus Electron's Event object (preventDefault / defaultPrevented) so
// a test can see whether the app vetoed something (a navigation, a quit, a close).
import type {} from './electron-types'

type Listener = (...args: never[]) => unknown

export class Emitter<Name extends string> {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>()

  on(event: Name, listener: Listener): this {
    return this.add(event, listener, false)
  }

  once(event: Name, listener: Listener): this {
    return this.add(event, listener, true)
  }

  removeListener(event: Name, listener: Listener): this {
    const list = this.listeners.get(event) ?? []
    this.listeners.set(
      event,
      list.filter((l) => l.fn !== listener)
    )
    return this
  }

  off(event: Name, listener: Listener): this {
    return this.removeListener(event, listener)
  }

  listenerCount(event: Name): number {
    return this.listeners.get(event)?.length ?? 0
  }

  /** Calls the listeners in registration order, as Node's EventEmitter does; true when there were any. */
  emit(event: Name, ...args: unknown[]): boolean {
    const list = this.listeners.get(event) ?? []
    this.listeners.set(
      event,
      list.filter((l) => !l.once)
    )
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args)
    return list.length > 0
  }

  private add(event: Name, fn: Listener, once: boolean): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once }])
    return this
  }
}

/** Electron.Event: what the first listener argument of most events is. */
export function electronEvent<P extends object>(params: P = {} as P): Electron.Event<P> {
  let prevented = false
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true
      },
      get defaultPrevented() {
        return prevented
      }
    },
    params
  )
}
