// Case "huge-token" (issue 17 item 7): a token endpoint answering with hundreds of MB. The app reads at most 1 MB of
// a token reply and refuses the rest; what a user would feel is the longest event-loop stall while it does.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { HttpClient } from '../../src-main/platform/http/http-client'
import { httpClientTransport } from '../../src-main/protocols/json-api/http-client-transport'
import { requestToken } from '../../src-main/protocols/oauth/token-endpoint'
import type { VariantFn } from '../harness/protocol'
import { timedPhaseDone } from '../harness/timed-phase'

const ours: VariantFn = async (p) => {
  const http = new HttpClient()
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  let refusedWith = 'accepted'
  await requestToken(httpClientTransport(http), {
    tokenUrl: `${String(p.url)}/token`,
    grant: { type: 'client_credentials' },
    clientId: 'bench',
    clientSecret: 'bench'
  }).catch((err: unknown) => (refusedWith = (err as { code?: string }).code ?? String(err)))
  const timedMs = performance.now() - started
  loop.disable()
  timedPhaseDone()
  http.close()
  return { bytes: 0, timedMs, checksum: refusedWith, extra: { maxStallMs: Math.round(loop.max / 1e6), refusedWith } }
}

export const variants = { ours }
