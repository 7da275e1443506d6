// A fixed number of workers over a list. After the first failure no new item starts, but items already running
// finish (or fail) before the error is rethrown — so no download is still creating files when the caller cleans up.
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const lane = async (): Promise<void> => {
    while (!failure && !signal?.aborted && next < items.length) {
      const item = items[next++] as T
      try {
        await worker(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  if (failure) throw failure.error
}
