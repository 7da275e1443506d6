// metadata:* — the metadata tree from the live connection or the snapshot kept on disk, its lazily loaded parts,
// kept versions and their differences, and the metadata report as a job.
import path from 'node:path'
import { AppError } from '../../contract/app-error'
import type { SessionManager } from '../features/connections/session-manager'
import type { JobManager } from '../platform/jobs/job-manager'
import { exportMetadataReport } from '../features/metadata/metadata-report-export'
import type { PartialHandlerTable } from './handler-registry'

export function metadataHandlers(sessions: SessionManager, jobs: JobManager): PartialHandlerTable {
  return {
    'metadata:summary': ({ profileId, refresh }) => sessions.summary(profileId, refresh ?? false),
    'metadata:fields': ({ profileId, resource, class: cls }) => sessions.fields(profileId, resource, cls),
    'metadata:lookup': ({ profileId, resource, lookup }) => sessions.lookup(profileId, resource, lookup),
    'metadata:retry': ({ profileId, key }) => sessions.retry(profileId, key),
    'metadata:versions': ({ profileId }) => sessions.versions(profileId),
    'metadata:diff': ({ profileId, from, to }) => sessions.diff(profileId, from, to),
    'metadata:report': ({ profileId, format, path: target }) => {
      if (!path.isAbsolute(target) || path.extname(target).toLowerCase() !== `.${format}`) {
        throw new AppError({
          code: 'EXPORT_BAD_PATH',
          message: `Give a full path ending in .${format} for the report.`,
          hint: `e.g. /home/you/${profileId}-metadata.${format}`
        })
      }
      const spec = { kind: 'metadata-report', title: `Metadata report of ${profileId}`, unit: 'parts' }
      const { jobId } = jobs.start(spec, (job) => exportMetadataReport(sessions, profileId, target, format, job))
      return { jobId }
    }
  }
}
