// Run as a child process by the metadata cache test: saves a snapshot and dies (SIGKILL, as a power cut or a killed
// app would) halfway through writing its bytes to the temp file — after open, before fsync and rename.
// Usage: node --import tsx test/support/snapshot-crash.ts <cache dir> <profile id> <version>
import { open } from 'node:fs/promises'
import os from 'node:os'
import { MetadataCache } from '../../src-main/features/metadata/metadata-cache'
import type { MetadataModel } from '../../domain/metadata/metadata-model'

const [dir, profileId, version] = process.argv.slice(2) as [string, string, string]

const probe = await open(os.devNull, 'r')
type Write = (data: string | Uint8Array) => Promise<unknown>
const handleProto = Object.getPrototypeOf(probe) as { writeFile: Write; write: Write }
await probe.close()
// the snapshot is written whole (writeFile) or in parts (write): either way half of the first bytes, then death
for (const method of ['writeFile', 'write'] as const) {
  const original = handleProto[method]
  handleProto[method] = async function (this: unknown, data: string | Uint8Array): Promise<void> {
    await original.call(this, data.slice(0, Math.floor(data.length / 2)))
    process.kill(process.pid, 'SIGKILL')
  }
}

const model: MetadataModel = {
  source: 'rets',
  system: { id: 'NEW', version: '2', attrs: {} },
  resources: [{ name: 'Property', classes: [], lookups: [], objectTypes: [], attrs: {} }],
  warnings: []
}
const cache = new MetadataCache(dir, { settleMs: 0 })
cache.save(profileId, model, version)
await cache.flush()
console.log('the write finished: the crash did not happen')
