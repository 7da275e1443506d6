// RFC 8252 §7.3 loopback redirect for the desktop app: listen on 127.0.0.1 (port 0 = any free port), accept exactly
// one redirect carrying the expected `state`, answer the browser with a short page, then close. Wrong state, an
// `error` parameter or the timeout end the wait with an AppError; the listener is always closed afterwards.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../../contract/app-error'
import { redactor } from '../../platform/redaction/redactor'

export interface LoopbackRedirect {
  redirectUri: string
  /** resolves with the authorization code once the browser comes back */
  code: Promise<string>
  close(): Promise<void>
}

export interface LoopbackOptions {
  expectedState: string
  timeoutMs: number
  path?: string
  /** a fixed port, for providers that accept only a registered redirect URI; 0 / absent = any free port */
  port?: number
  signal?: AbortSignal
}

function page(title: string, text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif"><h1>${title}</h1><p>${text}</p></body>`
}

export async function startLoopbackRedirect(opts: LoopbackOptions): Promise<LoopbackRedirect> {
  const path = opts.path ?? '/callback'
  let settle: { resolve: (code: string) => void; reject: (err: unknown) => void } | undefined
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }))
  // callers may never await `code` when something else failed first
  code.catch(() => undefined)
  let done = false

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname !== path || done) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    const finish = (status: number, title: string, text: string, outcome: () => void): void => {
      done = true
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page(title, text))
      outcome()
      void close()
    }
    const error = url.searchParams.get('error')
    if (error) {
      const description = url.searchParams.get('error_description') ?? ''
      finish(400, 'Sign-in failed', 'You can close this window.', () =>
        settle?.reject(
          new AppError({
            code: `OAUTH_${error.toUpperCase()}`,
            message: `The server refused the sign-in: ${error}${description ? ` (${description})` : ''}`
          })
        )
      )
      return
    }
    if (url.searchParams.get('state') !== opts.expectedState) {
      // a redirect with a foreign state may be forged (RFC 6749 §10.12): refuse it and stop the flow
      finish(400, 'Sign-in refused', 'The reply did not match this sign-in attempt.', () =>
        settle?.reject(
          new AppError({
            code: 'OAUTH_STATE_MISMATCH',
            message: 'The redirect carried a different state than the one sent.',
            hint: 'Start the sign-in again.'
          })
        )
      )
      return
    }
    const received = url.searchParams.get('code')
    if (!received) {
      finish(400, 'Sign-in failed', 'No authorization code in the reply.', () =>
        settle?.reject(new AppError({ code: 'OAUTH_NO_CODE', message: 'The redirect carried no authorization code.' }))
      )
      return
    }
    redactor.addSecret(received)
    finish(200, 'Signed in', 'You can close this window and return to MLS Workbench.', () => settle?.resolve(received))
  })

  const timer = setTimeout(() => {
    settle?.reject(
      new AppError({
        code: 'OAUTH_TIMEOUT',
        message: `No sign-in within ${Math.round(opts.timeoutMs / 1000)} s.`,
        hint: 'Start the sign-in again and finish it in the browser.'
      })
    )
    void close()
  }, opts.timeoutMs)
  const onAbort = (): void => {
    settle?.reject(new AppError({ code: 'CANCELLED', message: 'The sign-in was cancelled.' }))
    void close()
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true })

  let closing: Promise<void> | undefined
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      server.close(() => resolve())
      server.closeAllConnections()
    })
    return closing
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new AppError({
              code: 'OAUTH_REDIRECT_PORT_BUSY',
              message: `The sign-in cannot listen on 127.0.0.1:${opts.port ?? 0} (${err.code}).`,
              hint: 'Close the program using that port, or register another redirect port with the provider and set it in the profile.'
            })
          : err
      )
    )
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return { redirectUri: `http://127.0.0.1:${port}${path}`, code, close }
}
