// A search that runs while its rows are being written: the producer (a paged search whose row sink groups rows into
// batches) emits batches, the consumer (the sync engine, committing each) pulls them. While `maxWaiting` batches
// wait, `room()` hands the producer a promise to hold its socket with (PageOptions.beforeChunk), so the server keeps
// producing into the socket's buffers while a batch commits, and memory stays a few batches whatever the page size.

export type BatchProducer<B> = (
  emit: (batch: B) => void,
  room: () => Promise<void> | undefined,
  signal: AbortSignal
) => Promise<void>

export async function* pipeBatches<B>(
  produce: BatchProducer<B>,
  outer?: AbortSignal,
  maxWaiting = 1
): AsyncGenerator<B, void, void> {
  const queue: B[] = []
  let settled = false
  let failure: { error: unknown } | undefined
  let wakeConsumer: (() => void) | undefined
  let wakeProducer: (() => void) | undefined
  const wake = (): void => {
    wakeConsumer?.()
    wakeConsumer = undefined
  }
  const inner = new AbortController()
  const onAbort = (): void => inner.abort(outer?.reason)
  if (outer?.aborted) onAbort()
  outer?.addEventListener('abort', onAbort, { once: true })
  const emit = (batch: B): void => {
    queue.push(batch)
    wake()
  }
  const room = (): Promise<void> | undefined =>
    queue.length < maxWaiting ? undefined : new Promise<void>((resolve) => (wakeProducer = resolve))
  const running = produce(emit, room, inner.signal).then(
    () => void (settled = true),
    (error: unknown) => {
      settled = true
      failure = { error }
    }
  )
  void running.finally(wake)
  try {
    for (;;) {
      const next = queue.shift()
      if (next !== undefined) {
        if (queue.length < maxWaiting) {
          wakeProducer?.()
          wakeProducer = undefined
        }
        yield next
        continue
      }
      if (failure) throw failure.error
      if (settled) return
      await new Promise<void>((resolve) => (wakeConsumer = resolve))
    }
  } finally {
    outer?.removeEventListener('abort', onAbort)
    if (!settled) {
      // the consumer left early (failed commit, cancel): stop the request and let it unwind
      inner.abort()
      wakeProducer?.()
      await running
    }
  }
}

/** Every batch in one array (a master list asked for whole: a plan's sample, a store without a streamed diff). */
export async function collectBatches<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = []
  for await (const batch of batches) for (const item of batch) out.push(item)
  return out
}
