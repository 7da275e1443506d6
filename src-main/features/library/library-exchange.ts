// The import/export file: one JSON document with many saved queries, to hand a set of queries to a colleague or
// another machine. Import also takes a single saved-query file or a bare array, because that is what people have.
import { AppError } from '../../../contract/app-error'
import { readJson } from '../../platform/files/json-object-text'
import type { LibraryProblem, SavedQuery } from '../../../contract/library-channels'
import { savedQueryInFileOrder } from './saved-query-files'

export const LIBRARY_EXPORT_FORMAT = 'mls-workbench/saved-queries'
export const LIBRARY_EXPORT_VERSION = 1
const IMPORT_HINT = 'Import a file made by "Export saved queries", or a single saved-query file.'

export function libraryExportJson(queries: readonly SavedQuery[], exportedAt: string): string {
  const doc = {
    format: LIBRARY_EXPORT_FORMAT,
    version: LIBRARY_EXPORT_VERSION,
    exportedAt,
    queries: queries.map(savedQueryInFileOrder)
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** The raw entries of an import file (validation is the library's, entry by entry). */
export function importEntries(text: string, source: string): unknown[] {
  const read = readJson(text)
  if (!read.ok) {
    throw new AppError({
      code: 'LIBRARY_IMPORT_INVALID',
      message: `${source} is not valid JSON.`,
      detail: read.detail,
      hint: IMPORT_HINT
    })
  }
  const doc = read.value
  if (Array.isArray(doc)) return doc
  if (typeof doc === 'object' && doc !== null) {
    const record = doc as Record<string, unknown>
    if (Array.isArray(record.queries)) {
      if (record.format !== undefined && record.format !== LIBRARY_EXPORT_FORMAT) {
        throw new AppError({
          code: 'LIBRARY_IMPORT_INVALID',
          message: `${source} is a "${String(record.format)}" file, not saved queries.`
        })
      }
      return record.queries
    }
    if ('spec' in record) return [record]
  }
  throw new AppError({
    code: 'LIBRARY_IMPORT_INVALID',
    message: `${source} holds no saved queries.`,
    hint: IMPORT_HINT
  })
}

/** "entry 3 (Active listings)" — how an import problem names the entry it is about. */
export function importEntryLabel(entry: unknown, index: number): LibraryProblem['file'] {
  const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).name : undefined
  return `entry ${index + 1}${typeof name === 'string' ? ` (${name.slice(0, 80)})` : ''}`
}
