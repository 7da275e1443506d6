// Events flow one way, main → renderer. Services emit into the hub; each transport (the Electron window, web-mode
// sockets) subscribes and forwards, so no service needs to know which transport is live.
import type { EventChannel, EventPayload } from '../../contract/ipc-contract'

export type EventListener = (event: EventChannel, payload: unknown) => void

export class EventHub {
  private readonly listeners = new Set<EventListener>()

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
