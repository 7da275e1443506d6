// A real long job for tests of job progress, the status bar and cancel: a Spark query that pages 10 listings at a
// time ("fetch all") through a Demo MLS whose listing searches are slowed by its admin fault modes. No test-only
// channel is needed; the job is the one users run.
import type { ArgsOf } from '../../contract/ipc-contract'

export const SLOW_QUERY: ArgsOf<'query:run'> = {
  profileId: 'demo-spark',
  spec: { kind: 'spark', limit: 10, fetchAll: true }
}

/** Every Spark listings request of the Demo MLS at `demoUrl` waits `slowMs` first (0 = back to normal). */
export async function slowDemoListings(demoUrl: string, slowMs: number): Promise<void> {
  const res = await fetch(new URL('/admin/faults', demoUrl), {
    method: 'POST',
    body: JSON.stringify({ slowMs, scope: slowMs > 0 ? '/v1/listings' : '/' })
  })
  if (!res.ok) throw new Error(`Demo MLS refused the fault settings: ${res.status} ${await res.text()}`)
}
