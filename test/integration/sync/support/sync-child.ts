// Runs a sync of a protocol's first target into a SQLite file and prints one line per committed transaction, so
// the parent test can kill -9 this process in the middle of a sync. Usage: sync-child.ts <protocol> <url> <db file>
import { runTarget } from '../../../../src-main/features/sync/sync-engine'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import { HARNESSES, type Protocol } from './sync-harness'

const [protocol, url, file] = process.argv.slice(2)
if (!protocol || !url || !file) throw new Error('usage: sync-child.ts <protocol> <url> <db file>')
const store = new SqliteStore(file)
const source = HARNESSES[protocol as Protocol].sources(url, 200)[0]!
// a transaction per page (200 records), so there are commits to kill between
await runTarget(source, store, {
  maxBatch: 200,
  onCommit: (run) => process.stdout.write(`committed ${run.cursor ?? ''}\n`)
})
process.stdout.write('finished\n')
await store.close()
