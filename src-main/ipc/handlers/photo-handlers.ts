// Photo export as a job on the live connection: the engine streams objects to disk with progress and cancel; the
// summary (counts, errors, first files for the thumbnail strip) is kept for the renderer to ask for.
import path from 'node:path'
import { AppError } from '../../shared/app-error'
import type { SessionManager } from '../../services/connections/session-manager'
import type { JobManager } from '../../services/jobs/job-manager'
import { exportPhotos, photoExportJobSpec } from '../../services/export/photos/photo-export-engine'
import type { PhotoExportSummary } from '../../services/export/photos/photo-export-types'
import type { PartialHandlerTable } from '../register'

const KEEP_SUMMARIES = 20

export function photoHandlers(sessions: SessionManager, jobs: JobManager): PartialHandlerTable {
  const summaries = new Map<string, PhotoExportSummary>()
  return {
    'photos:export': ({ profileId, resource, mode, request }) => {
      if (!path.isAbsolute(request.destination)) {
        throw new AppError({ code: 'EXPORT_BAD_PATH', message: 'Give a full path for the destination folder.' })
      }
      const source = sessions
        .session(profileId)
        .photoSource({ ...(resource ? { resource } : {}), ...(mode ? { mode } : {}) })
      const { jobId, result } = jobs.start(photoExportJobSpec(request), (job) => exportPhotos(request, source, job))
      result.then(
        (summary) => {
          summaries.set(jobId, summary)
          if (summaries.size > KEEP_SUMMARIES) summaries.delete(summaries.keys().next().value as string)
        },
        () => undefined // a failed export reports through job:progress
      )
      return { jobId }
    },
    'photos:summary': ({ jobId }) => summaries.get(jobId) ?? null
  }
}
