// Web-mode transport: the same contract over fetch (requests) and a WebSocket (events). The token arrives once in
// the page URL; it is moved to sessionStorage and removed from the address bar so it does not end up in history
// or screenshots.
import type { EventChannel, WorkbenchApi } from '../../contract/ipc-contract'

const TOKEN_KEY = 'mlswb.token'

export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY) ?? ''
}

export function createWebTransport(token: string, base = window.location.origin): WorkbenchApi {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>()
  let socket: WebSocket | undefined
  let retry = 500

  const connect = (): void => {
    const wsUrl = base.replace(/^http/, 'ws') + '/events?token=' + encodeURIComponent(token)
    socket = new WebSocket(wsUrl)
    socket.onopen = () => {
      retry = 500
    }
    socket.onmessage = (msg) => {
      const { event, payload } = JSON.parse(String(msg.data)) as { event: EventChannel; payload: never }
      listeners.get(event)?.forEach((l) => l(payload))
    }
    socket.onclose = () => {
      // main restarted or the machine slept: reconnect with backoff
      setTimeout(connect, retry)
      retry = Math.min(retry * 2, 10_000)
    }
  }
  connect()

  return {
    async invoke(channel, args) {
      const res = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-MLSWB-Token': token },
        body: JSON.stringify(args ?? {})
      })
      if (!res.ok && res.headers.get('content-type')?.includes('application/json') !== true) {
        return { ok: false, error: { code: `HTTP_${res.status}`, message: await res.text() } }
      }
      return res.json()
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    }
  }
}
