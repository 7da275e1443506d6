// Runs a RETS sync of Property class A into a SQLite file and prints one line per committed transaction, so the
// parent test can kill -9 this process in the middle of a sync. Usage: tsx sync-child.ts <demo url> <db file>
import { runTarget } from '../../../../src-main/features/sync/sync-engine'
import { SqliteStore } from '../../../../src-main/features/sync/sqlite-store'
import { retsSources } from './rets-sync-setup'

const [url, file] = process.argv.slice(2)
if (!url || !file) throw new Error('usage: sync-child.ts <demo url> <db file>')
const store = new SqliteStore(file)
const { sources } = retsSources(url, 200)
await runTarget(sources[0]!, store, {
  onCommit: (run) => process.stdout.write(`committed ${run.cursor ?? ''}\n`)
})
process.stdout.write('finished\n')
await store.close()
