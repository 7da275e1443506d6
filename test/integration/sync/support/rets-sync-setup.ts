// Shared by the RETS sync tests and their child process: a RETS source per Property class of a Demo MLS, a SQLite
// store, and the server's rows of a class read back with a plain COMPACT search (the truth the store must equal).
import { HttpClient } from '../../../../src-main/platform/http/http-client'
import { RetsSession } from '../../../../src-main/protocols/rets/rets-session'
import { RetsMetadataLoader } from '../../../../src-main/protocols/rets/metadata/metadata-loader'
import { fetchAll } from '../../../../src-main/protocols/rets/search/search-runner'
import { RetsSource } from '../../../../src-main/features/sync/rets-source'
import { CollectingResultWriter } from '../../../support/collecting-result-writer'

export const PROPERTY_CLASSES = ['A', 'B', 'C']

export function retsSources(url: string, pageSize = 1000): { session: RetsSession; sources: RetsSource[] } {
  const session = new RetsSession(
    {
      loginUrl: `${url}/rets/Login`,
      retsVersion: '1.7.2',
      username: 'demo',
      password: 'demo-pass',
      userAgent: 'MLSWorkbench/1.0',
      uaPassword: 'demo-ua-pass'
    },
    new HttpClient()
  )
  const metadata = new RetsMetadataLoader(session)
  const sources = PROPERTY_CLASSES.map(
    (cls) => new RetsSource(session, metadata, { resource: 'Property', class: cls, pageSize, keyBatch: 100 })
  )
  return { session, sources }
}

/** key → the record as the server sends it now (COMPACT, every column). */
export async function serverRows(session: RetsSession, cls: string): Promise<Map<string, Record<string, string>>> {
  const writer = new CollectingResultWriter()
  await fetchAll(
    session,
    { resource: 'Property', class: cls, query: '(LIST_87=1900-01-01T00:00:00+)', format: 'COMPACT' },
    writer,
    { pageSize: 2500 }
  )
  const names = writer.columns.map((c) => c.name)
  const out = new Map<string, Record<string, string>>()
  for (const row of writer.rows) {
    const record = Object.fromEntries(names.map((n, i) => [n, row[i] ?? '']))
    out.set(record.LIST_1 ?? '', record)
  }
  return out
}
