// Photo export as a job on the live connection: the engine streams objects to disk with progress and cancel; the
// summary (counts, errors, first files for the thumbnail strip) is kept for the renderer to ask for, and its
// destination becomes a folder the app may show in the file manager — once the export has made it a folder.
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../contract/app-error'
import type { SessionManager } from '../features/connections/session-manager'
import type { JobManager } from '../platform/jobs/job-manager'
import type { ResultRegistry } from '../platform/results/result-registry'
import { distinctColumnValues } from '../platform/results/column-values'
import { exportPhotos, photoExportJobSpec } from '../features/export/photos/photo-export-engine'
import { photoExportChoices } from '../features/export/photos/photo-export-choices'
import { exampleFileName, defaultNamingPattern } from '../features/export/photos/naming-pattern'
import { readThumbnail } from '../features/export/photos/thumbnail-file'
import type { PhotoExportRequest } from '../features/export/photos/photo-export-types'
import type { PhotoExportSummary } from '../../contract/photo-channels'
import type { PartialHandlerTable } from './handler-registry'
import { checkExportDestination } from '../platform/files/export-path-guard'

const KEEP_SUMMARIES = 20
const MAX_KEYS = 100_000

export interface PhotoHandlerDeps {
  sessions: SessionManager
  jobs: JobManager
  results: ResultRegistry
  /** folders the app wrote to, which app:openFolder may show */
  outputFolders: Set<string>
}

export function photoHandlers({ sessions, jobs, results, outputFolders }: PhotoHandlerDeps): PartialHandlerTable {
  const summaries = new Map<string, PhotoExportSummary>()

  async function listingKeys(keys: string[] | undefined, from?: { resultId: string; column: string }) {
    if (keys) return keys
    const store = results.get(from!.resultId)
    if (!store) throw new AppError({ code: 'RESULT_GONE', message: 'That result is no longer open.' })
    const found = await distinctColumnValues(store, from!.column, MAX_KEYS)
    if (found.length === 0) {
      throw new AppError({
        code: 'EXPORT_NO_KEYS',
        message: `The column ${from!.column} is empty in every row.`,
        hint: 'Pick the column that holds the listing keys.'
      })
    }
    return found
  }

  return {
    'photos:export': async ({ profileId, resource, mode, request: args }) => {
      if (!path.isAbsolute(args.destination)) {
        throw new AppError({ code: 'EXPORT_BAD_PATH', message: 'Give a full path for the destination folder.' })
      }
      checkExportDestination(args.destination)
      const source = sessions
        .capability(profileId, 'photos')
        .open({ ...(resource ? { resource } : {}), ...(mode ? { mode } : {}) })
      const { keysFrom, listingKeys: given, ...rest } = args
      const request: PhotoExportRequest = { ...rest, listingKeys: await listingKeys(given, keysFrom) }
      // the summary is kept before the job's final event goes out, so the renderer finds it when it asks
      const started = jobs.start(photoExportJobSpec(request), async (job) => {
        try {
          const summary = await exportPhotos(request, source, job)
          summaries.set(started.jobId, summary)
          if (summaries.size > KEEP_SUMMARIES) summaries.delete(summaries.keys().next().value as string)
          return summary
        } finally {
          await rememberFolder(outputFolders, request.destination)
        }
      })
      started.result.catch(() => undefined) // a failed export reports through job:progress
      return { jobId: started.jobId, listings: request.listingKeys.length }
    },
    'photos:options': async ({ profileId, resource }) =>
      photoExportChoices(sessions.capability(profileId, 'photos').source, await sessions.summary(profileId), resource),
    'photos:preview': ({ pattern, types }) =>
      exampleFileName(pattern.trim() === '' ? defaultNamingPattern(types) : pattern, {
        ...(types[0] ? { type: types[0] } : {})
      }),
    'photos:summary': ({ jobId }) => summaries.get(jobId) ?? null,
    'photos:thumbnail': async ({ jobId, file }) => {
      const summary = summaries.get(jobId)
      if (!summary?.firstFiles.includes(file)) return null
      return readThumbnail(summary.destination, file)
    }
  }
}

/** Only a real folder the export wrote into may be shown: a destination that named a file (a program) never is. */
async function rememberFolder(outputFolders: Set<string>, destination: string): Promise<void> {
  const info = await lstat(destination).catch(() => undefined)
  if (info?.isDirectory()) outputFolders.add(path.resolve(destination))
}
