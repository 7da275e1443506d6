// Results by id, so IPC can page, export and dispose them without passing rows around.
import { AppError } from '../../../contract/app-error'
import type { ResultPage } from '../../../contract/results-channels'
import { ResultStore, type ResultStoreOptions } from './result-store'

export class ResultRegistry {
  private readonly stores = new Map<string, ResultStore>()
  private counter = 0

  constructor(private readonly defaults: Omit<ResultStoreOptions, 'id'> = {}) {}

  create(options: Omit<ResultStoreOptions, 'id'> = {}): ResultStore {
    const store = new ResultStore({ ...this.defaults, ...options, id: `result-${++this.counter}` })
    this.stores.set(store.id, store)
    return store
  }

  get(id: string): ResultStore | undefined {
    return this.stores.get(id)
  }

  async page(id: string, offset: number, limit: number): Promise<ResultPage> {
    const store = this.stores.get(id)
    if (!store) {
      throw new AppError({
        code: 'RESULT_NOT_FOUND',
        message: `No result with id ${id}.`,
        hint: 'Run the search again.'
      })
    }
    return store.page(offset, limit)
  }

  ids(): string[] {
    return [...this.stores.keys()]
  }

  dispose(id: string): boolean {
    const store = this.stores.get(id)
    if (!store) return false
    store.dispose()
    this.stores.delete(id)
    return true
  }

  disposeAll(): void {
    for (const s of this.stores.values()) s.dispose()
    this.stores.clear()
  }
}
