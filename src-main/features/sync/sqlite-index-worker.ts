// Builds a table's held-back indexes on a connection of their own in a worker thread. A CREATE INDEX over a million
// rows is one synchronous call of ~1 s per index: on the main thread it would stall the app (and the master list the
// sync reads meanwhile, from a server that then idles). SQLite lets the worker write the index while the main
// connection reads the table and fills its temporary tables (WAL mode; TEMP tables are the connection's own file).
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// plain CommonJS, so it runs the same from sources (tsx, vitest) and from the bundled app: no file to locate
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file)
try {
  db.pragma('busy_timeout = 10000')
  // the page cache also caps the sort's memory (it spills sorted runs to temporary files past it)
  db.pragma('cache_size = -4000')
  for (const sql of workerData.statements) db.exec(sql)
} catch (e) {
  // a plain Error crosses to the parent with its message (SQLite's own error class arrives without it)
  throw new Error(e && e.message ? e.message : String(e))
} finally {
  db.close()
}
`

export function buildIndexesOnWorker(file: string, statements: readonly string[]): Promise<void> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, module, statements },
      // it only passes SQL to SQLite: a small heap keeps the sync's peak memory where it was
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 }
    })
    worker.once('error', reject)
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the index build stopped (exit ${code})`))
    )
  })
}
