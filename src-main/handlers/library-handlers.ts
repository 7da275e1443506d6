// The saved-query library over IPC. Narrow on purpose: import and export take a full path to a .json file only, so
// the renderer cannot use them to read or overwrite arbitrary files; queries are addressed by id, never by path.
import path from 'node:path'
import { AppError } from '../../contract/app-error'
import type { QueryLibrary } from '../features/library/query-library'
import { queryLanguageOf } from '../../contract/kinds'
import type { ProfileStore } from '../features/connections/profiles'
import type { QueryKind } from '../../contract/kinds'
import type { PartialHandlerTable } from './handler-registry'

function checkJsonPath(file: string, what: string): string {
  if (!path.isAbsolute(file)) {
    throw new AppError({ code: 'LIBRARY_BAD_PATH', message: `Give a full path for the ${what}.` })
  }
  if (path.extname(file).toLowerCase() !== '.json') {
    throw new AppError({
      code: 'LIBRARY_BAD_PATH',
      message: `The ${what} must be a .json file.`,
      hint: 'Saved queries are exchanged as JSON, e.g. /home/me/saved-queries.json.'
    })
  }
  return file
}

export function libraryHandlers(library: QueryLibrary, profiles: ProfileStore): PartialHandlerTable {
  const kindOf = async (profileId: string): Promise<QueryKind | undefined> =>
    queryLanguageOf((await profiles.get(profileId)).kind)

  return {
    'library:list': async ({ profileId, kind, text }) =>
      library.list({
        ...(profileId ? { profileId } : {}),
        ...(text ? { text } : {}),
        ...(kind ? { kind } : profileId ? { kind: await kindOf(profileId) } : {})
      }),
    'library:get': ({ queryId }) => library.get(queryId),
    'library:save': async ({ queryId, query }) => {
      if (query.profileId) {
        const kind = await kindOf(query.profileId)
        if (kind !== query.spec.kind) {
          throw new AppError({
            code: 'LIBRARY_KIND_MISMATCH',
            message: `A ${query.spec.kind} query cannot be saved for this profile (it speaks ${kind ?? 'no query language'}).`
          })
        }
      }
      return library.save(query, queryId)
    },
    'library:rename': ({ queryId, name, folder }) => library.rename(queryId, name, folder),
    'library:duplicate': ({ queryId, name }) => library.duplicate(queryId, name),
    'library:delete': async ({ queryId }) => {
      await library.delete(queryId)
      return { deleted: true }
    },
    'library:export': ({ path: file, queryIds }) => library.exportToFile(checkJsonPath(file, 'export file'), queryIds),
    'library:import': ({ path: file }) => library.importFile(checkJsonPath(file, 'file to import')),
    'library:usage': async ({ profileId, resource, class: cls, field, standardName }) =>
      library.usage({
        profileId,
        kind: await kindOf(profileId),
        field: { resource, ...(cls ? { cls } : {}), names: [field, ...(standardName ? [standardName] : [])] }
      })
  }
}
